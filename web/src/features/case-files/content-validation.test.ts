import { describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX } from '@caliu/common';
import {
  blankDemand,
  blankProblem,
  blankProcedure,
  blankResource,
  demandProblems,
  parseAmount,
  problemBody,
  problemProblems,
  procedureProblems,
  resourceBody,
  resourceProblems,
  resourceUpdateBody,
} from './content-validation';

const TYPE = '2ee69b55-b558-4b0e-b325-07d9433ccec4';
const PERSON = '7c1d0e4a-3f59-4d5b-9a3e-6b0f2d8c9e11';
const TODAY = '2026-12-05';
const chosen = { typeId: TYPE, personId: PERSON };

describe('the content forms, checked with the API schemas as the user types', () => {
  it('wants a type, a member and a past date for a demand', () => {
    expect(demandProblems(blankDemand(TODAY), { today: TODAY })).toEqual({
      typeId: 'choose',
      personId: 'choose',
    });
    const demand = { ...blankDemand(TODAY), ...chosen };
    expect(demandProblems(demand, { today: TODAY })).toEqual({});
    expect(demandProblems({ ...demand, requestedOn: '2026-12-06' }, { today: TODAY })).toEqual({
      requestedOn: 'requested_in_future',
    });
    expect(demandProblems({ ...demand, requestedOn: '' }, { today: TODAY })).toEqual({
      requestedOn: 'required',
    });
    expect(
      demandProblems({ ...demand, description: 'x'.repeat(DESCRIPTION_MAX + 1) }, { today: TODAY }),
    ).toEqual({ description: 'too_long' });
  });

  it('sends no end date for an active problem, and wants it after the start otherwise', () => {
    const problem = { ...blankProblem(TODAY), ...chosen, endedOn: '2026-12-01' };
    expect(problemBody(problem).endedOn).toBeNull();
    expect(problemProblems(problem)).toEqual({});
    const over = { ...problem, active: false };
    expect(problemBody(over).endedOn).toBe('2026-12-01');
    expect(problemProblems(over)).toEqual({ endedOn: 'ends_before_start' });
    expect(problemBody({ ...over, endedOn: '' }).endedOn).toBeNull();
  });

  it('reads an amount with a comma or a point, and refuses what is not one', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount(' 150 ')).toBe(150);
    expect(parseAmount('150,50')).toBe(150.5);
    expect(parseAmount('150.5')).toBe(150.5);
    expect(parseAmount('1.500,00')).toBeNaN();
    expect(parseAmount('12a')).toBeNaN();
  });

  it('pre-assigns a resource unless told, with an amount and its unit together', () => {
    const resource = { ...blankResource(), ...chosen };
    expect(resourceBody(resource)).toMatchObject({
      state: 'pre_assigned',
      startsOn: null,
      endsOn: null,
      amount: null,
      unit: null,
    });
    expect(resourceProblems(resource)).toEqual({});
    expect(resourceProblems({ ...resource, amount: '150,50' })).toEqual({
      unit: 'unit_for_amount',
    });
    expect(resourceProblems({ ...resource, unit: 'euros' })).toEqual({ amount: 'required' });
    for (const amount of ['0', '12a', '1,234', '2000000']) {
      expect(resourceProblems({ ...resource, amount, unit: 'euros' })).toEqual({
        amount: 'amount',
      });
    }
    expect(resourceProblems({ ...resource, amount: '7,5', unit: 'hours_per_week' })).toEqual({});
    expect(resourceProblems({ ...resource, startsOn: '2026-12-05', endsOn: '2026-12-04' })).toEqual(
      { endsOn: 'ends_before_start' },
    );
  });

  it('leaves the state out of an edit of a resource', () => {
    const body = resourceUpdateBody({ ...blankResource(), ...chosen, state: 'granted' }, 3);
    expect(body).not.toHaveProperty('state');
    expect(body.version).toBe(3);
  });

  it('wants the administration of a procedure, and its answer after its filing', () => {
    const procedure = { ...blankProcedure(), ...chosen };
    expect(procedureProblems(procedure)).toEqual({ administration: 'required' });
    const filed = { ...procedure, administration: 'Generalitat de Catalunya' };
    expect(procedureProblems(filed)).toEqual({});
    expect(
      procedureProblems({ ...filed, filedOn: '2026-12-05', answeredOn: '2026-12-01' }),
    ).toEqual({ answeredOn: 'answered_before_filed' });
    expect(procedureProblems({ ...filed, administration: '   ' })).toEqual({
      administration: 'required',
    });
  });
});
