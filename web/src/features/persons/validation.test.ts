import { describe, expect, it } from 'vitest';
import { EMPTY_VALUES } from './form-values';
import type { PersonValues } from './form-values';
import { personProblems } from './validation';

const TODAY = '2026-03-02';
const valid: PersonValues = {
  ...EMPTY_VALUES,
  givenName: 'Núria',
  firstSurname: 'Puig',
  secondSurname: 'i Vidal',
  municipalityId: '0e6b3f4e-1c2d-4a5b-8c9d-0123456789ab',
};

const problems = (patch: Partial<PersonValues>) =>
  personProblems({ ...valid, ...patch }, { today: TODAY });

describe('the person form checks as the API does', () => {
  it('accepts a name with particles, a municipality and nothing else', () => {
    expect(problems({})).toEqual({});
  });

  it('asks for the name, the first surname and the municipality', () => {
    expect(problems({ givenName: ' ', firstSurname: '', municipalityId: '' })).toEqual({
      givenName: 'required',
      firstSurname: 'required',
      municipalityId: 'required',
    });
  });

  it('checks the DNI and NIE letters and formats', () => {
    expect(problems({ documentType: 'dni', documentNumber: '12345678Z' })).toEqual({});
    expect(problems({ documentType: 'dni', documentNumber: '12345678A' })).toEqual({
      documentNumber: 'dni_check_letter',
    });
    expect(problems({ documentType: 'dni', documentNumber: '1234' })).toEqual({
      documentNumber: 'dni_format',
    });
    expect(problems({ documentType: 'nie', documentNumber: 'X1234567L' })).toEqual({});
    expect(problems({ documentType: 'nie', documentNumber: 'X1234567A' })).toEqual({
      documentNumber: 'nie_check_letter',
    });
    expect(problems({ documentType: 'nie', documentNumber: '12' })).toEqual({
      documentNumber: 'nie_format',
    });
    expect(problems({ documentType: 'passport', documentNumber: 'A!' })).toEqual({
      documentNumber: 'passport_format',
    });
  });

  it('wants a document type with a number, and a number with a type', () => {
    expect(problems({ documentNumber: '12345678Z' })).toEqual({
      documentType: 'document_type_required',
    });
    expect(problems({ documentType: 'dni' })).toEqual({ documentNumber: 'required' });
  });

  it('wants the channel of each consent', () => {
    expect(problems({ consentSms: true, consentEmail: true })).toEqual({
      consentSms: 'consent_sms_needs_mobile',
      consentEmail: 'consent_email_needs_email',
    });
    expect(
      problems({
        consentSms: true,
        mobilePhone: '600 11 22 33',
        consentEmail: true,
        email: 'a@b.cat',
      }),
    ).toEqual({});
  });

  it('checks email, phones and the date of birth', () => {
    expect(problems({ email: 'nobody', mobilePhone: 'six', birthDate: '2030-01-01' })).toEqual({
      email: 'email',
      mobilePhone: 'phone',
      birthDate: 'birth_date_in_future',
    });
    expect(problems({ birthDate: '1899-12-31' })).toEqual({ birthDate: 'birth_date_too_early' });
    expect(problems({ birthDate: TODAY })).toEqual({});
  });

  it('wants phone numbers that can exist, and a mobile one that receives SMS', () => {
    expect(problems({ mobilePhone: '12345', otherPhone: '93 12' })).toEqual({
      mobilePhone: 'phone_implausible',
      otherPhone: 'phone_implausible',
    });
    expect(problems({ mobilePhone: '933 456 789' })).toEqual({ mobilePhone: 'phone_not_mobile' });
    expect(problems({ mobilePhone: '347 123 4567', otherPhone: '933 456 789' })).toEqual({});
    expect(problems({ mobilePhone: '+212 612 345 678' })).toEqual({});
  });
});
