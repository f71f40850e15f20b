import { describe, expect, it } from 'vitest';
import { internationalPhone, phoneProblem } from './phone';

describe('phone numbers', () => {
  it('accepts Spanish and Italian numbers written nationally, and international ones', () => {
    for (const value of [
      '612 345 678',
      '933 456 789',
      '347 123 4567',
      '+39 347 123 4567',
      '+212 612-345678',
      '0034 612 345 678',
    ]) {
      expect(phoneProblem(value, { mobile: false }), value).toBeNull();
    }
    expect(internationalPhone('612 345 678')).toBe('+34612345678');
    expect(internationalPhone('347 123 4567')).toBe('+393471234567');
  });

  it('refuses numbers that cannot exist', () => {
    for (const value of [
      '12345',
      '6123456789',
      '+34 12',
      '000 000 000',
      '1',
      '612 345 678 ext',
      'tel 612345678',
    ]) {
      expect(phoneProblem(value, { mobile: false }), value).toBe('phone_implausible');
    }
    expect(internationalPhone('12345')).toBeNull();
  });

  it('asks a mobile number to be one that receives SMS', () => {
    expect(phoneProblem('612 345 678', { mobile: true })).toBeNull();
    expect(phoneProblem('+39 347 123 4567', { mobile: true })).toBeNull();
    expect(phoneProblem('933 456 789', { mobile: true })).toBe('phone_not_mobile');
    expect(phoneProblem('933 456 789', { mobile: false })).toBeNull();
  });
});
