/**
 * The caseload transfers waiting for the user's approval, built in features/caseload, for the
 * home page. Features never import each other: this re-export is the door between them.
 */
export { PendingTransfers } from '@/features/caseload';
