/** What other features (the floating button's form) use of coordinator requests. */
export { useCoordinators, getCoordinators, type CoordinatorsFor } from './coordinators';
export {
  useCreateCoordinatorRequest,
  createCoordinatorRequest,
} from './create-coordinator-request';
export { useDiagnoseContent, diagnoseContent, type DiagnoseContentInput } from './diagnose-content';
export {
  useCoordinatorRequests,
  useCloseCoordinatorRequest,
  type CoordinatorRequestRole,
} from './coordinator-requests';
