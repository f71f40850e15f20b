import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newPasswordSchema } from '@caliu/common';

/**
 * The 10,000 most common passwords (SecLists' "10-million-password-list-top-10000", MIT: see
 * common-passwords.LICENSE), shipped with the project so the check needs no network. Compared
 * case-insensitively: "Qwerty123456" is as guessable as "qwerty123456".
 */
const COMMON = new Set(
  readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt'),
    'utf8',
  )
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase());
}

/** A new password as the server accepts it: 12 characters or more, and not a common one. */
export const serverPasswordSchema = newPasswordSchema.refine((p) => !isCommonPassword(p), {
  params: { i18n: 'password_common' },
});
