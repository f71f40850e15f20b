import { describe, expect, it } from 'vitest';
import {
  checkLetterFor,
  isValidDni,
  isValidDocument,
  isValidNie,
  normalizeDocument,
} from './documents';

describe('identity documents', () => {
  it('accepts a DNI whose letter matches and refuses one whose letter does not', () => {
    expect(isValidDni('12345678Z')).toBe(true);
    expect(isValidDni('12.345.678-z')).toBe(true);
    expect(isValidDni('12345678A')).toBe(false);
    expect(isValidDni('1234567Z')).toBe(false);
    expect(isValidDni('00000000T')).toBe(true);
  });
  it('accepts a NIE with X, Y or Z and the right letter', () => {
    expect(isValidNie('X1234567L')).toBe(true);
    expect(isValidNie('Y1234567X')).toBe(true);
    expect(isValidNie('Z1234567R')).toBe(true);
    expect(isValidNie('X1234567A')).toBe(false);
    expect(isValidNie('A1234567L')).toBe(false);
  });
  it('computes the check letter as the number modulo 23', () => {
    expect(checkLetterFor('12345678')).toBe('Z');
    expect(checkLetterFor('0')).toBe('T');
  });
  it('normalizes and validates passports loosely', () => {
    expect(normalizeDocument(' ab-123 456 ')).toBe('AB123456');
    expect(isValidDocument('passport', 'PA1234567')).toBe(true);
    expect(isValidDocument('passport', '#!')).toBe(false);
  });
});
