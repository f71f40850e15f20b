/**
 * What the floating button's form (features/support) uses of coordinator requests and the
 * self-diagnosis, built in features/coordinator-requests. Features never import each other: this
 * re-export is the one door between them until those hooks move here.
 */
export {
  useCoordinators,
  useCreateCoordinatorRequest,
  useDiagnoseContent,
} from '@/features/coordinator-requests';
