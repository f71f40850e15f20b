import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Phone numbers as councils' clients give them: Spanish or Italian numbers written nationally
 * ("612 345 678", "347 123 4567"), or any country's in international form ("+212 …", "0033 …").
 * Checked against the numbering plans (libphonenumber's full metadata), so "12345" or a digit
 * too many is caught while typing instead of when the first SMS bounces.
 */
export const PHONE_HOME_COUNTRIES = ['ES', 'IT'] as const;

/** Digits and the separators people write; libphonenumber alone would read "612… ext" as valid. */
const WRITTEN_NUMBER = /^\+?[0-9 ().-]+$/;

function parse(value: string): PhoneNumber | null {
  if (!WRITTEN_NUMBER.test(value.trim())) return null;
  for (const country of PHONE_HOME_COUNTRIES) {
    const number = parsePhoneNumberFromString(value, country);
    if (number?.isValid()) return number;
  }
  return null;
}

const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER']);

/**
 * Why a phone number is refused (a key of the validation messages), or null when it is a
 * number that can exist; `mobile` also asks that it can receive SMS.
 */
export function phoneProblem(
  value: string,
  { mobile }: { mobile: boolean },
): 'phone_implausible' | 'phone_not_mobile' | null {
  const number = parse(value);
  if (!number) return 'phone_implausible';
  // Numbering plans without a mobile range of their own leave the type unknown: give the benefit.
  const type = number.getType();
  if (mobile && type !== undefined && !MOBILE_TYPES.has(type)) return 'phone_not_mobile';
  return null;
}

/** The number in international form (+34612345678), or null when it is not a plausible one. */
export function internationalPhone(value: string): string | null {
  return parse(value)?.number ?? null;
}
