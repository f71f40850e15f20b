/**
 * The public forms (before signing in): one mechanism for every form open to anyone — the help
 * form of the support desk now, community help's later. Each form (a module) does, in order:
 * `caughtByHoneypot` (drop silently), `verifyProof` (the proof of work of a challenge from
 * `GET /api/public/challenge`), `countFormRequest` (per-address and per-IP limits), then its own
 * work, answering the same whatever happened. `purgePublicForms` is the worker's chore.
 */
export {
  CHALLENGE_TTL_MS,
  challengeKeyOf,
  hasWork,
  issueChallenge,
  leadingZeroBits,
  purgePublicForms,
  useOnce,
  verifyProof,
  type ProofCheck,
  type ProofRefusal,
} from './challenge';
export { caughtByHoneypot } from './honeypot';
export { publicFormsChore } from './chore';
export {
  addressKeyOf,
  countFormRequest,
  formLimits,
  formThrottledError,
  PUBLIC_FORM_LIMITS,
  withFormRetryAfter,
  type FormLimit,
  type FormLimits,
  type ThrottleStore,
} from './throttle';
