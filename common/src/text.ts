import { z } from 'zod';

/**
 * Text and identifiers as the API accepts them. Every string a request carries is built on
 * `textField`: control characters are refused at the schema edge (a NUL byte makes PostgreSQL
 * fail, and the others have no business in a name, a number or a search), with the message key
 * `validation.control_characters`. Multi-line text (addresses, notes) keeps line breaks and tabs.
 */

// C0 controls, DEL and C1 controls; the multi-line variant spares tab, line feed and return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Whether a text holds a control character it may not (`multiline` allows \t, \n and \r). */
export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}) {
  return (options.multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}

/** The text with each control character (line breaks and tabs too) replaced by a space. */
export function withoutControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL.source, 'g'), ' ');
}

/** A string field of a request: no control characters (line breaks and tabs if `multiline`). */
export function textField(options: { multiline?: boolean } = {}) {
  return z.string().refine((value) => !hasControlCharacters(value, options), {
    params: { i18n: 'control_characters' },
    abort: true,
  });
}

/**
 * A UUID in its canonical form (8-4-4-4-12 hexadecimal digits, lower case), as the server writes
 * ids into cookies, tokens and cursors. Anything else is refused before it reaches the database:
 * 36 characters of [0-9a-f-] are not necessarily a UUID.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * "<entity id>.<random>": session cookies, second-step challenges and secret links. Answers the
 * entity id, or null when the value is not of that shape.
 */
export function entityOfToken(value: string | undefined): string | null {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/.exec(value);
  return match && isUuid(match[1]) ? match[1] : null;
}
