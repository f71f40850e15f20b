/**
 * The coordinator's "Requests from your teams" section, built in features/coordinator-requests,
 * for the home page. Features never import each other: this re-export is the door between them.
 */
export { CoordinatorRequestsHome } from '@/features/coordinator-requests';
