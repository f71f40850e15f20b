/**
 * Spanish identity documents. DNI: 8 digits and a check letter; NIE: X, Y or Z, 7 digits and a
 * check letter (X=0, Y=1, Z=2 in front). The letter is the number modulo 23 in this table.
 */
const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export type DocumentType = 'dni' | 'nie' | 'passport';

/** Upper case without spaces, dots or dashes: "12.345.678-z" → "12345678Z". */
export function normalizeDocument(value: string): string {
  return value.toUpperCase().replace(/[\s.-]/g, '');
}

export function checkLetterFor(digits: string): string {
  return LETTERS[Number(digits) % 23]!;
}

export function isValidDni(value: string): boolean {
  const v = normalizeDocument(value);
  const match = /^(\d{8})([A-Z])$/.exec(v);
  return Boolean(match && checkLetterFor(match[1]!) === match[2]);
}

export function isValidNie(value: string): boolean {
  const v = normalizeDocument(value);
  const match = /^([XYZ])(\d{7})([A-Z])$/.exec(v);
  if (!match) return false;
  const prefix = String('XYZ'.indexOf(match[1]!));
  return checkLetterFor(prefix + match[2]!) === match[3];
}

/** A passport number: free-form, but letters and digits only, 3 to 20 of them. */
export function isValidPassport(value: string): boolean {
  return /^[A-Z0-9]{3,20}$/.test(normalizeDocument(value));
}

export function isValidDocument(type: DocumentType, value: string): boolean {
  switch (type) {
    case 'dni':
      return isValidDni(value);
    case 'nie':
      return isValidNie(value);
    case 'passport':
      return isValidPassport(value);
  }
}
