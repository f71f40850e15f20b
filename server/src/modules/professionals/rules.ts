import type { Role } from '@caliu/common';
import { AppError } from '../../platform/errors';

/** Roles as a set: the same roles in another order are no change. */
export const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/**
 * Refuses a change that would leave the entity without an active administrator. The caller has
 * locked the administrators (`repository.lockActiveAdministrators`) before reading the target.
 */
export function assertNotLastAdministrator(administrators: string[], id: string) {
  if (administrators.includes(id) && administrators.length <= 1) {
    throw new AppError('professional.last_administrator', 409);
  }
}
