import { createPlanSchema } from '@caliu/common';
import type { CreatePlan, Plan } from '@caliu/common';

/**
 * The intervention plan form's values and their checks, apart from React: what the form holds
 * (rows with a key each, so that removing one keeps the others' state), what it sends, and what
 * is wrong with it, with the API's own schema (common/src/case-content.ts) plus the rules of the
 * form itself. Each problem is a key of `plans.validation`.
 */

/** As common/src/case-content.ts allows: the "Add" buttons stop there. */
export const ACTIONS_MAX = 50;
export const REVIEWS_MAX = 24;

export const PLAN_PROBLEMS = [
  'required',
  'too_long',
  'invalid',
  'control_characters',
  'date',
  'in_future',
] as const;
export type PlanProblem = (typeof PLAN_PROBLEMS)[number];

export type ActionRow = {
  key: string;
  description: string;
  /** Who does it (free text: a member, the professional, another service). */
  responsible: string;
  /** By when (YYYY-MM-DD), '' for no date. */
  dueOn: string;
  done: boolean;
};

export type ReviewRow = {
  key: string;
  dueOn: string;
  held: boolean;
  heldOn: string;
  notes: string;
};

export type PlanValues = {
  startedOn: string;
  objectives: string;
  actions: ActionRow[];
  reviews: ReviewRow[];
  signedByPerson: boolean;
};

let lastKey = 0;

/** A key for a new row, unique in this browser (rows come back from drafts, too). */
export function rowKey(): string {
  lastKey += 1;
  return `${Date.now().toString(36)}-${lastKey.toString(36)}`;
}

export const emptyAction = (): ActionRow => ({
  key: rowKey(),
  description: '',
  responsible: '',
  dueOn: '',
  done: false,
});

export const emptyReview = (): ReviewRow => ({
  key: rowKey(),
  dueOn: '',
  held: false,
  heldOn: '',
  notes: '',
});

/** A new plan: started today, one empty action to fill in. */
export function newPlanValues(today: string): PlanValues {
  return {
    startedOn: today,
    objectives: '',
    actions: [emptyAction()],
    reviews: [],
    signedByPerson: false,
  };
}

/** A stored plan, as the form edits it. */
export function planValuesOf(plan: Plan): PlanValues {
  return {
    startedOn: plan.startedOn,
    objectives: plan.objectives,
    actions: plan.actions.map((action, index) => ({
      key: `stored-${index}`,
      description: action.description,
      responsible: action.responsible,
      dueOn: action.dueOn ?? '',
      done: action.done,
    })),
    reviews: plan.reviews.map((review, index) => ({
      key: `stored-${index}`,
      dueOn: review.dueOn,
      held: review.heldOn !== null,
      heldOn: review.heldOn ?? '',
      notes: review.notes,
    })),
    signedByPerson: plan.signedByPerson,
  };
}

/** A row the user left as it was added: it is not sent, and nothing is asked of it. */
export const isBlankAction = (row: ActionRow) =>
  !row.description.trim() && !row.responsible.trim() && !row.dueOn && !row.done;

export const isBlankReview = (row: ReviewRow) => !row.dueOn && !row.held && !row.notes.trim();

/** What saving sends, and which row each sent action and review comes from. */
export type PlanBody = {
  body: Required<Omit<CreatePlan, 'state'>>;
  actionKeys: string[];
  reviewKeys: string[];
};

/** What the form sends (blank rows left out); the state is changed apart (close, reopen). */
export function planBody(values: PlanValues): PlanBody {
  const actions = values.actions.filter((row) => !isBlankAction(row));
  const reviews = values.reviews.filter((row) => !isBlankReview(row));
  return {
    body: {
      startedOn: values.startedOn,
      objectives: values.objectives,
      actions: actions.map((row) => ({
        description: row.description,
        responsible: row.responsible,
        dueOn: row.dueOn || null,
        done: row.done,
      })),
      reviews: reviews.map((row) => ({
        dueOn: row.dueOn,
        heldOn: row.held ? row.heldOn || null : null,
        notes: row.held ? row.notes : '',
      })),
      signedByPerson: values.signedByPerson,
    },
    actionKeys: actions.map((row) => row.key),
    reviewKeys: reviews.map((row) => row.key),
  };
}

// A field of the form: `objectives`, `startedOn`, `actions.<key>.<column>`, `reviews.<key>.<column>`.
export const actionField = (key: string, column: 'description' | 'responsible' | 'dueOn') =>
  `actions.${key}.${column}`;
export const reviewField = (key: string, column: 'dueOn' | 'heldOn' | 'notes') =>
  `reviews.${key}.${column}`;

/** Every field of the form, in the order the user meets them (the first problem takes focus). */
export function planFieldOrder(values: PlanValues): string[] {
  return [
    'startedOn',
    'signedByPerson',
    'objectives',
    ...values.actions.flatMap((row) => [
      actionField(row.key, 'description'),
      actionField(row.key, 'responsible'),
      actionField(row.key, 'dueOn'),
    ]),
    ...values.reviews.flatMap((row) => [
      reviewField(row.key, 'dueOn'),
      reviewField(row.key, 'heldOn'),
      reviewField(row.key, 'notes'),
    ]),
  ];
}

/**
 * The form's field that a path of the sent body names (`actions.2.responsible`, as the API's
 * refusals and the schema's issues say it), or undefined when it names none.
 */
export function fieldOfPath(path: readonly PropertyKey[], sent: PlanBody): string | undefined {
  const [head, index, column] = path;
  if (head === 'startedOn' || head === 'objectives' || head === 'signedByPerson') return head;
  if (head !== 'actions' && head !== 'reviews') return undefined;
  const keys = head === 'actions' ? sent.actionKeys : sent.reviewKeys;
  const key = keys[Number(index)];
  if (key === undefined || typeof column !== 'string') return undefined;
  return `${head}.${key}.${column}`;
}

/** What the form holds in a field (a refusal about it stays until it changes). */
export function valueAt(values: PlanValues, field: string): unknown {
  const [head, key, column] = field.split('.');
  if (head === 'actions' || head === 'reviews') {
    const rows: readonly Record<string, unknown>[] = values[head];
    const row = rows.find((r) => r.key === key);
    return row && column ? row[column] : undefined;
  }
  return (values as Record<string, unknown>)[head ?? ''];
}

type Issue = {
  code: string;
  path: readonly PropertyKey[];
  format?: string;
  params?: Record<string, unknown>;
};

function problemOf(issue: Issue, value: unknown): PlanProblem {
  if (issue.code === 'custom' && issue.params?.i18n === 'control_characters') {
    return 'control_characters';
  }
  if (value === '' || value === undefined || value === null) return 'required';
  if (issue.code === 'too_small') return 'required';
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'date';
  return 'invalid';
}

/**
 * The first problem of each field, as the user types: the schema's, and a review marked held
 * needs the day it was held, not after today.
 */
export function planProblems(
  values: PlanValues,
  { today }: { today: string },
): Partial<Record<string, PlanProblem>> {
  const problems: Partial<Record<string, PlanProblem>> = {};
  const sent = planBody(values);
  const parsed = createPlanSchema.safeParse(sent.body);
  if (!parsed.success) {
    for (const raw of parsed.error.issues) {
      const issue = raw as Issue;
      const field = fieldOfPath(issue.path, sent);
      if (!field || problems[field]) continue;
      problems[field] = problemOf(issue, valueAt(values, field));
    }
  }
  for (const row of values.reviews) {
    const field = reviewField(row.key, 'heldOn');
    if (!row.held || problems[field]) continue;
    if (!row.heldOn) problems[field] = 'required';
    else if (row.heldOn > today) problems[field] = 'in_future';
  }
  return problems;
}

/** The first review not yet held, by date: its index in `reviews`, or -1 when all were held. */
export function nextReviewIndex(
  reviews: readonly { dueOn: string; heldOn: string | null }[],
): number {
  let next = -1;
  reviews.forEach((review, index) => {
    if (review.heldOn !== null) return;
    const current = reviews[next];
    if (!current || review.dueOn < current.dueOn) next = index;
  });
  return next;
}

/** Reviews in date order, for reading (the form keeps the order they were typed in). */
export function reviewsByDate<T extends { dueOn: string }>(reviews: readonly T[]): T[] {
  return [...reviews].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** An action not done whose day has passed. */
export const isOverdue = (action: { dueOn: string | null; done: boolean }, today: string) =>
  !action.done && action.dueOn !== null && action.dueOn < today;
