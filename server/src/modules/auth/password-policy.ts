import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { preValidationAsyncHookHandler } from 'fastify';
import { newPasswordSchema, PASSWORD_MIN_LENGTH } from '@caliu/common';
import type * as PasswordStrength from '@caliu/common/password-strength';

/**
 * The 10,000 most common passwords (SecLists' "10-million-password-list-top-10000", MIT: see
 * common/src/common-passwords.LICENSE), shipped with the project so the check needs no network;
 * the console checks against the same file. Compared case-insensitively: "Qwerty123456" is as
 * guessable as "qwerty123456".
 */
const COMMON = new Set(
  readFileSync(createRequire(import.meta.url).resolve('@caliu/common/common-passwords.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase());
}

// The strength estimator (zxcvbn and its dictionaries) takes over half a second to load: it is
// loaded on the first request that sets a password, not at every start of the server.
let estimator: typeof PasswordStrength | undefined;
let loading: Promise<typeof PasswordStrength> | undefined;

/** Loads the strength estimator once; the routes that set a password await it before validating. */
export async function loadPasswordEstimator(): Promise<void> {
  loading ??= import('@caliu/common/password-strength');
  estimator ??= await loading;
}

/** A preValidation hook for the routes whose body holds `serverPasswordSchema`. */
export const withPasswordEstimator: preValidationAsyncHookHandler = async () => {
  await loadPasswordEstimator();
};

function isGuessablePassword(password: string): boolean {
  // Validation is synchronous (Zod in Fastify's validator): the route's hook has loaded it.
  if (!estimator) throw new Error('password estimator not loaded: add withPasswordEstimator');
  return estimator.isGuessablePassword(password);
}

/**
 * A new password as the server accepts it: 12 characters or more, not a common one, and not
 * easy to guess by a strength estimator (zxcvbn: "password1234" is long and not in the list).
 * Routes that validate it run `withPasswordEstimator` first.
 */
export const serverPasswordSchema = newPasswordSchema
  .refine((p) => !isCommonPassword(p), { params: { i18n: 'password_common' } })
  // One message at a time: the estimator speaks only of a password the other rules accept.
  .refine((p) => p.length < PASSWORD_MIN_LENGTH || isCommonPassword(p) || !isGuessablePassword(p), {
    params: { i18n: 'password_weak' },
  });
