/**
 * The coordinator's "Requests from your teams" section and the requester's "Your requests to
 * coordinators", built in features/coordinator-requests, for the home page. Features never
 * import each other: this re-export is the door between them.
 */
export { CoordinatorRequestsHome, MyCoordinatorRequests } from '@/features/coordinator-requests';
