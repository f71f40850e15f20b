/**
 * The caseload feature's part of other pages: the caseload transfers waiting for the user on the
 * home page (through lib/caseload-transfers-home.ts — features never import each other).
 */
export { PendingTransfers, SupportPendingTransfers } from './components/pending-transfers';
