import { describe, expect, it } from 'vitest';
import { EMPTY_VALUES, createBody, patchBody } from './form-values';
import type { ProfessionalValues } from './form-values';
import { professionalProblems } from './validation';

const valid: ProfessionalValues = {
  ...EMPTY_VALUES,
  givenName: 'Marta',
  surnames: 'Puig Serra',
  documentType: 'dni',
  documentNumber: '12345678Z',
  email: 'marta@ajuntament.cat',
  roles: ['tech_ssb'],
};
const context = { domains: ['ajuntament.cat'], creating: true };

describe('the professional form checks', () => {
  it('accept a complete professional', () => {
    expect(professionalProblems(valid, context)).toEqual({});
  });

  it('ask for what is required', () => {
    expect(professionalProblems(EMPTY_VALUES, context)).toEqual({
      givenName: 'required',
      surnames: 'required',
      documentNumber: 'required',
      email: 'required',
      roles: 'roles',
    });
  });

  it("check the DNI and NIE letter, and a passport's characters", () => {
    expect(professionalProblems({ ...valid, documentNumber: '12345678A' }, context)).toEqual({
      documentNumber: 'document',
    });
    const nie = { ...valid, documentType: 'nie' as const, documentNumber: 'X1234567L' };
    expect(professionalProblems(nie, context)).toEqual({});
    const passport = { ...valid, documentType: 'passport' as const, documentNumber: 'A!' };
    expect(professionalProblems(passport, context)).toEqual({ documentNumber: 'document' });
  });

  it("keep the email on the entity's domains, when they are known", () => {
    const gmail = { ...valid, email: 'marta@gmail.com' };
    expect(professionalProblems(gmail, context)).toEqual({ email: 'email_domain' });
    expect(professionalProblems(gmail, { ...context, domains: null })).toEqual({});
    expect(professionalProblems({ ...valid, email: 'marta' }, context)).toEqual({ email: 'email' });
  });

  it('ask the immigration technician for a cost category', () => {
    const immigration = { ...valid, roles: ['tech_immigration' as const] };
    expect(professionalProblems(immigration, context)).toEqual({
      costCategory: 'cost_category_required',
    });
    expect(professionalProblems({ ...immigration, costCategory: 'B' }, context)).toEqual({});
  });

  it('let an edit keep a record without a document', () => {
    const noDocument = { ...valid, documentNumber: '' };
    expect(professionalProblems(noDocument, { ...context, creating: false })).toEqual({});
    expect(patchBody(noDocument)).not.toHaveProperty('documentType');
    expect(patchBody(valid)).toMatchObject({ documentType: 'dni', documentNumber: '12345678Z' });
  });

  it('check a mobile number and a username only when creating', () => {
    const odd = { ...valid, mobile: '12', username: 'Marta Puig' };
    expect(professionalProblems(odd, context)).toEqual({ mobile: 'mobile', username: 'username' });
    expect(professionalProblems(odd, { ...context, creating: false })).toEqual({});
  });
});

describe('the body sent to create a professional', () => {
  it('leaves out what was left empty, and the cost category of anyone else', () => {
    expect(createBody({ ...valid, costCategory: 'A', email: ' Marta@Ajuntament.cat ' })).toEqual({
      givenName: 'Marta',
      surnames: 'Puig Serra',
      documentType: 'dni',
      documentNumber: '12345678Z',
      email: 'marta@ajuntament.cat',
      roles: ['tech_ssb'],
      costCategory: null,
      sectorId: null,
      language: null,
      teams: [],
    });
  });

  it('carries the mobile number when one is given', () => {
    expect(createBody({ ...valid, mobile: '+34 600 111 222' }).mobile).toBe('+34 600 111 222');
  });
});
