import { describe, expect, it } from 'vitest';
import { createPlanSchema } from '@caliu/common';
import type { Plan } from '@caliu/common';
import {
  ACTIONS_MAX,
  REVIEWS_MAX,
  actionField,
  emptyAction,
  emptyReview,
  fieldOfPath,
  isOverdue,
  newPlanValues,
  nextReviewIndex,
  planBody,
  planFieldOrder,
  planProblems,
  planValuesOf,
  reviewField,
  reviewsByDate,
  valueAt,
} from './plan-values';
import type { ActionRow, PlanValues, ReviewRow } from './plan-values';

const ID = '2ee69b55-b558-4b0e-b325-07d9433ccec4';
const TODAY = '2026-12-05';

const action = (patch: Partial<ActionRow> = {}): ActionRow => ({
  ...emptyAction(),
  description: 'Enrol the children at the school canteen',
  responsible: 'Marta Puig',
  ...patch,
});
const review = (patch: Partial<ReviewRow> = {}): ReviewRow => ({
  ...emptyReview(),
  dueOn: '2027-01-15',
  ...patch,
});
const plan = (patch: Partial<PlanValues> = {}): PlanValues => ({
  ...newPlanValues(TODAY),
  objectives: 'Stable housing; school attendance.',
  ...patch,
});

describe('the intervention plan form', () => {
  it('opens with today as the start date and one empty action, which is not sent', () => {
    const values = newPlanValues(TODAY);
    expect(values.startedOn).toBe(TODAY);
    expect(values.actions).toHaveLength(1);
    expect(planBody(values).body.actions).toEqual([]);
  });

  it('asks for the objectives and nothing else of a new plan', () => {
    expect(planProblems(newPlanValues(TODAY), { today: TODAY })).toEqual({
      objectives: 'required',
    });
    expect(planProblems(plan(), { today: TODAY })).toEqual({});
  });

  it('sends what the schema accepts, blank rows left out', () => {
    const values = plan({
      actions: [action({ dueOn: '2027-01-31' }), emptyAction(), action({ done: true })],
      reviews: [review(), emptyReview(), review({ held: true, heldOn: TODAY, notes: 'Went well' })],
      signedByPerson: true,
    });
    const { body, actionKeys, reviewKeys } = planBody(values);
    expect(createPlanSchema.safeParse(body).success).toBe(true);
    expect(body.actions.map((a) => [a.dueOn, a.done])).toEqual([
      ['2027-01-31', false],
      [null, true],
    ]);
    expect(body.reviews).toEqual([
      { dueOn: '2027-01-15', heldOn: null, notes: '' },
      { dueOn: '2027-01-15', heldOn: TODAY, notes: 'Went well' },
    ]);
    expect(actionKeys).toEqual([values.actions[0]?.key, values.actions[2]?.key]);
    expect(reviewKeys).toEqual([values.reviews[0]?.key, values.reviews[2]?.key]);
  });

  it('names the row and column of each problem', () => {
    const half = action({ description: '', responsible: 'The school' });
    const noWho = action({ responsible: '   ' });
    const badDate = review({ dueOn: '2027-02-30' });
    const values = plan({ actions: [half, emptyAction(), noWho], reviews: [badDate] });
    expect(planProblems(values, { today: TODAY })).toEqual({
      [actionField(half.key, 'description')]: 'required',
      [actionField(noWho.key, 'responsible')]: 'required',
      [reviewField(badDate.key, 'dueOn')]: 'date',
    });
  });

  it('wants the day a held review took place, not after today', () => {
    const undated = review({ held: true, heldOn: '' });
    const future = review({ held: true, heldOn: '2026-12-06' });
    expect(planProblems(plan({ reviews: [undated, future] }), { today: TODAY })).toEqual({
      [reviewField(undated.key, 'heldOn')]: 'required',
      [reviewField(future.key, 'heldOn')]: 'in_future',
    });
  });

  it('says too long and control characters in words', () => {
    const long = action({ description: 'x'.repeat(501) });
    const values = plan({ objectives: 'Bell\u0007', actions: [long] });
    expect(planProblems(values, { today: TODAY })).toEqual({
      objectives: 'control_characters',
      [actionField(long.key, 'description')]: 'too_long',
    });
  });

  it('stops adding rows where the API does', () => {
    const many = plan({ actions: Array.from({ length: ACTIONS_MAX + 1 }, () => action()) });
    expect(createPlanSchema.safeParse(planBody(many).body).success).toBe(false);
    const reviews = plan({ reviews: Array.from({ length: REVIEWS_MAX + 1 }, () => review()) });
    expect(createPlanSchema.safeParse(planBody(reviews).body).success).toBe(false);
    const full = plan({
      actions: Array.from({ length: ACTIONS_MAX }, () => action()),
      reviews: Array.from({ length: REVIEWS_MAX }, () => review()),
    });
    expect(createPlanSchema.safeParse(planBody(full).body).success).toBe(true);
  });

  it("maps the API's field paths back to the rows that were sent", () => {
    const first = action();
    const second = action();
    const sent = planBody(plan({ actions: [first, emptyAction(), second] }));
    expect(fieldOfPath(['actions', 1, 'responsible'], sent)).toBe(
      actionField(second.key, 'responsible'),
    );
    expect(fieldOfPath('actions.0.dueOn'.split('.'), sent)).toBe(actionField(first.key, 'dueOn'));
    expect(fieldOfPath(['objectives'], sent)).toBe('objectives');
    expect(fieldOfPath(['actions', 5, 'description'], sent)).toBeUndefined();
    expect(fieldOfPath(['version'], sent)).toBeUndefined();
  });

  it('orders the fields as the user meets them and reads their values', () => {
    const row = action();
    const values = plan({ actions: [row], reviews: [] });
    expect(planFieldOrder(values)).toEqual([
      'startedOn',
      'signedByPerson',
      'objectives',
      actionField(row.key, 'description'),
      actionField(row.key, 'responsible'),
      actionField(row.key, 'dueOn'),
    ]);
    expect(valueAt(values, actionField(row.key, 'responsible'))).toBe('Marta Puig');
    expect(valueAt(values, 'objectives')).toBe(values.objectives);
    expect(valueAt(values, actionField('gone', 'description'))).toBeUndefined();
  });

  it('edits a stored plan as it was saved', () => {
    const stored: Plan = {
      id: ID,
      caseFileId: ID,
      author: { id: ID, name: 'Marta Puig' },
      version: 3,
      createdAt: '2026-11-02T09:00:00.000Z',
      updatedAt: '2026-11-02T09:00:00.000Z',
      can: { edit: true },
      startedOn: '2026-11-02',
      objectives: 'Stable housing.',
      actions: [{ description: 'Visit', responsible: 'Marta', dueOn: null, done: false }],
      reviews: [{ dueOn: '2026-11-30', heldOn: '2026-11-30', notes: 'Fine' }],
      nextReviewOn: null,
      signedByPerson: true,
      state: 'active',
    };
    const values = planValuesOf(stored);
    expect(values.actions[0]).toMatchObject({ dueOn: '', done: false });
    expect(values.reviews[0]).toMatchObject({ held: true, heldOn: '2026-11-30', notes: 'Fine' });
    const { body } = planBody(values);
    expect(body.actions).toEqual(stored.actions);
    expect(body.reviews).toEqual(stored.reviews);
  });
});

describe('a plan as it reads', () => {
  it('marks the earliest review not yet held as the next one', () => {
    const reviews = [
      { dueOn: '2027-03-01', heldOn: null },
      { dueOn: '2026-11-01', heldOn: '2026-11-02' },
      { dueOn: '2027-01-10', heldOn: null },
    ];
    expect(nextReviewIndex(reviews)).toBe(2);
    expect(nextReviewIndex(reviews.map((r) => ({ ...r, heldOn: '2026-11-02' })))).toBe(-1);
    expect(nextReviewIndex([])).toBe(-1);
    expect(reviewsByDate(reviews).map((r) => r.dueOn)).toEqual([
      '2026-11-01',
      '2027-01-10',
      '2027-03-01',
    ]);
  });

  it('calls an action overdue when its day has passed and it is not done', () => {
    expect(isOverdue({ dueOn: '2026-12-04', done: false }, TODAY)).toBe(true);
    expect(isOverdue({ dueOn: TODAY, done: false }, TODAY)).toBe(false);
    expect(isOverdue({ dueOn: '2026-12-04', done: true }, TODAY)).toBe(false);
    expect(isOverdue({ dueOn: null, done: false }, TODAY)).toBe(false);
  });
});
