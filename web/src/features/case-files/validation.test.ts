import { describe, expect, it } from 'vitest';
import { NOTES_MAX } from '@caliu/common';
import {
  closeProblems,
  createProblems,
  interventionBody,
  interventionProblems,
  memberProblems,
  reopenProblems,
} from './validation';
import type { InterventionValues } from './validation';

const ID = '2ee69b55-b558-4b0e-b325-07d9433ccec4';
const TODAY = '2026-12-05';

const intervention = (patch: Partial<InterventionValues> = {}): InterventionValues => ({
  typeId: ID,
  occurredOn: TODAY,
  durationMinutes: '',
  place: '',
  personIds: [],
  professionalIds: [],
  notes: '',
  ...patch,
});

describe('the case files forms, checked with the API schemas as the user types', () => {
  it('asks for a scope and a municipality to open a case file', () => {
    expect(createProblems(ID, { scope: '', municipalityId: '', referentId: '' })).toEqual({
      scope: 'choose',
      municipalityId: 'choose',
    });
    expect(createProblems(ID, { scope: 'ssb', municipalityId: ID, referentId: ID })).toEqual({});
  });

  it('wants a type, a past date and whole minutes for an intervention', () => {
    expect(interventionProblems(intervention(), { today: TODAY })).toEqual({});
    expect(interventionProblems(intervention({ typeId: '' }), { today: TODAY })).toEqual({
      typeId: 'choose',
    });
    expect(
      interventionProblems(intervention({ occurredOn: '2026-12-06' }), { today: TODAY }),
    ).toEqual({ occurredOn: 'in_future' });
    expect(interventionProblems(intervention({ occurredOn: '' }), { today: TODAY })).toEqual({
      occurredOn: 'required',
    });
    for (const duration of ['0', '1.5', '721']) {
      expect(
        interventionProblems(intervention({ durationMinutes: duration }), { today: TODAY }),
      ).toEqual({ durationMinutes: 'duration' });
    }
    expect(
      interventionProblems(intervention({ notes: 'x'.repeat(NOTES_MAX + 1) }), { today: TODAY }),
    ).toEqual({ notes: 'too_long' });
    expect(interventionProblems(intervention({ notes: 'a\u0000b' }), { today: TODAY })).toEqual({
      notes: 'control_characters',
    });
  });

  it('sends only what was filled in', () => {
    expect(interventionBody(intervention({ durationMinutes: ' 45 ', notes: '  ' }))).toEqual({
      typeId: ID,
      occurredOn: TODAY,
      durationMinutes: 45,
      personIds: [],
      professionalIds: [],
    });
  });

  it('asks for a closing reason, a reason to reopen, and a person and role to link', () => {
    expect(closeProblems({ reasonId: '', note: '' })).toEqual({ reasonId: 'choose' });
    expect(closeProblems({ reasonId: ID, note: 'x'.repeat(2001) })).toEqual({ note: 'too_long' });
    expect(reopenProblems({ reason: '   ' })).toEqual({ reason: 'required' });
    expect(reopenProblems({ reason: 'She asked again' })).toEqual({});
    expect(memberProblems({ personId: '', role: '' })).toEqual({
      personId: 'choose',
      role: 'choose',
    });
  });
});
