/**
 * Coordinator requests and the self-diagnosis in the console (issue 19). What other parts use:
 * the floating button's form (features/support, through lib/api/coordinator-requests.ts — features
 * never import each other) its hooks; the home page (through lib/coordinator-requests-home.ts)
 * the coordinator's section and the requester's.
 */
export * from './api';
export { CoordinatorRequestsHome } from './components/coordinator-requests-home';
export { MyCoordinatorRequests } from './components/my-coordinator-requests';
