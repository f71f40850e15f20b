import { describe, expect, it } from 'vitest';
import type { Person } from '@caliu/common';
import {
  identityChanged,
  mergeAfterReload,
  prefilledValues,
  updateBody,
  valuesOf,
} from './form-values';

const person: Person = {
  id: '11111111-1111-4111-8111-111111111111',
  givenName: 'María',
  firstSurname: 'García',
  secondSurname: 'López',
  sex: 'female',
  birthDate: '1950-03-14',
  documentType: 'dni',
  documentNumber: '12345678Z',
  municipality: { id: '22222222-2222-4222-8222-222222222222', name: 'Vilanova de la Serra' },
  status: 'active',
  deceasedOn: null,
  nationality: 'ES',
  mobilePhone: '600111222',
  otherPhone: null,
  email: null,
  preferredLanguage: 'ca',
  consentSms: true,
  consentEmail: false,
  address: 'Carrer Major, 3',
  postalCode: '08450',
  sector: null,
  housingType: 'flat',
  housingTenure: 'owned',
  referent: null,
  team: { id: '33333333-3333-4333-8333-333333333333', name: 'Equip Nord' },
  version: 4,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
  mergedInto: null,
  can: {
    edit: true,
    viewFullRecord: false,
    changeReferent: false,
    changeTeam: false,
    delete: false,
    reactivate: false,
    openCaseFile: false,
  },
};
const values = () => valuesOf(person);

describe('the person form values', () => {
  it('start from the words of the search: a name, or a document', () => {
    expect(prefilledValues('  Maria  Garcia de la Fuente ')).toMatchObject({
      givenName: 'Maria',
      firstSurname: 'Garcia',
      secondSurname: 'de la Fuente',
    });
    expect(prefilledValues('pedro de la fuente ruiz')).toMatchObject({
      givenName: 'Pedro',
      firstSurname: 'de la Fuente',
      secondSurname: 'Ruiz',
    });
    expect(prefilledValues('Núria Puig i Vidal')).toMatchObject({
      firstSurname: 'Puig',
      secondSurname: 'i Vidal',
    });
    expect(prefilledValues('x1234567l')).toMatchObject({
      documentType: 'nie',
      documentNumber: 'X1234567L',
      givenName: '',
    });
    expect(prefilledValues('12345678-Z')).toMatchObject({ documentType: 'dni' });
  });

  it('send only what changed, with the version, and a document as a pair', () => {
    const typed = { ...values(), mobilePhone: '600999888' };
    expect(updateBody(typed, person, { withTeam: false })).toEqual({
      version: 4,
      mobilePhone: '600999888',
    });
    const document = { ...values(), documentNumber: '12345678z ' };
    expect(updateBody(document, person, { withTeam: false })).toEqual({
      version: 4,
      documentType: 'dni',
      documentNumber: '12345678z',
    });
    const team = { ...values(), teamId: '' };
    expect(updateBody(team, person, { withTeam: false })).toEqual({ version: 4 });
    expect(updateBody(team, person, { withTeam: true })).toEqual({ version: 4, teamId: null });
  });

  it('tell when the identity changed (worth a duplicate check)', () => {
    expect(identityChanged({ ...values(), mobilePhone: '1' }, person)).toBe(false);
    expect(identityChanged({ ...values(), documentNumber: '12345678 z' }, person)).toBe(false);
    expect(identityChanged({ ...values(), birthDate: '1950-03-15' }, person)).toBe(true);
  });

  it("keep what was typed after a reload, and take the other's change elsewhere", () => {
    const latest: Person = {
      ...person,
      version: 5,
      address: 'Plaça de la Vila, 1',
      mobilePhone: '611',
    };
    const typed = { ...values(), mobilePhone: '622' };
    const merged = mergeAfterReload(typed, person, latest);
    expect(merged.values.mobilePhone).toBe('622');
    expect(merged.values.address).toBe('Plaça de la Vila, 1');
    expect(merged.changedElsewhere).toEqual(['mobilePhone', 'address']);
    expect(updateBody(merged.values, latest, { withTeam: false })).toEqual({
      version: 5,
      mobilePhone: '622',
    });
  });
});
