import type { AuthContext } from '../../platform/context';

/** The second factor as it stands for a signed-in professional (computed at each request). */
export type SecondFactorState = {
  /** A confirmed second factor: every login asks for a code. */
  enrolled: boolean;
  /** The entity requires it of one of the professional's roles. */
  required: boolean;
  /** Required and not enrolled: the session may only enrol, read its profile and sign out. */
  enrolmentRequired: boolean;
};

// Kept beside the request's AuthContext (a platform type this module does not own).
const states = new WeakMap<AuthContext, SecondFactorState>();

export function setSecondFactorState(auth: AuthContext, state: SecondFactorState) {
  states.set(auth, state);
}

export function secondFactorStateOf(auth: AuthContext): SecondFactorState {
  return states.get(auth) ?? { enrolled: false, required: false, enrolmentRequired: false };
}
