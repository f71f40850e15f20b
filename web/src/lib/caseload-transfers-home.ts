/**
 * The caseload transfers waiting for a second approver, built in features/caseload: for the home
 * page (a coordinator's) and the support queue (an agent's, every council's). Features never
 * import each other: this re-export is the door between them.
 */
export { PendingTransfers, SupportPendingTransfers } from '@/features/caseload';
