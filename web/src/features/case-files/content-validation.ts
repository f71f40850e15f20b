import {
  createDemandSchema,
  createProblemSchema,
  createProcedureSchema,
  createResourceSchema,
} from '@caliu/common';
import type {
  CreateDemand,
  CreateProblem,
  CreateProcedure,
  CreateResource,
  Demand,
  Problem as ProblemEntry,
  Procedure,
  ProcedureStatus,
  Resource,
  ResourceState,
  ResourceUnit,
  UpdateResource,
} from '@caliu/common';
import type { CreateOf, ItemOf, RecordKind, UpdateOf } from './api/content-api';
import { check } from './validation';
import type { Problem, Problems } from './validation';

/**
 * The forms of demands, problems, resources and procedures, checked as the user types with the
 * API's own schemas (common/src/case-content.ts) and the date rules the server applies. Besides
 * the problems of `caseFiles.validation`, these have their own (`caseContent.validation`).
 */
export const CONTENT_PROBLEMS = [
  'requested_in_future',
  'ends_before_start',
  'answered_before_filed',
  'amount',
  'unit_for_amount',
] as const;
export type ContentProblem = Problem | (typeof CONTENT_PROBLEMS)[number];
export type ContentProblems<F extends string> = Problems<F, ContentProblem>;

/** Whether a problem is one of this file's own (else one of `caseFiles.validation`). */
export function isContentProblem(
  problem: ContentProblem,
): problem is (typeof CONTENT_PROBLEMS)[number] {
  return (CONTENT_PROBLEMS as readonly string[]).includes(problem);
}

/** What the form of one kind is made of: its fields, its first values, its checks, its bodies. */
export type KindRules<K extends RecordKind, V, F extends string> = {
  fields: readonly F[];
  blank: (today: string) => V;
  valuesOf: (item: ItemOf[K]) => V;
  problems: (values: V, context: { today: string }) => ContentProblems<F>;
  createBody: (values: V) => CreateOf[K];
  /** With the version the edit started from (someone else's change in between is a 409). */
  updateBody: (values: V, item: ItemOf[K]) => UpdateOf[K];
};

/** An edit sends what a new entry would, and the version it started from. */
const withVersion =
  <V, B>(body: (values: V) => B) =>
  (values: V, item: { version: number }) => ({ ...body(values), version: item.version });

/** The type and the member every kind has, chosen from lists. */
const CHOICES = ['typeId', 'personId'] as const;

/** A date field left empty: `null` to the API. */
export const dateOrNull = (value: string) => value || null;

// Demands.
export const DEMAND_FIELDS = ['typeId', 'personId', 'requestedOn', 'description'] as const;
export type DemandField = (typeof DEMAND_FIELDS)[number];
export type DemandValues = Record<DemandField, string>;

export const blankDemand = (today: string): DemandValues => ({
  typeId: '',
  personId: '',
  requestedOn: today,
  description: '',
});

export const demandValues = (demand: Demand): DemandValues => ({
  typeId: demand.type.id,
  personId: demand.person.id,
  requestedOn: demand.requestedOn,
  description: demand.description,
});

export const demandBody = (values: DemandValues): CreateDemand => ({ ...values });

export function demandProblems(
  values: DemandValues,
  { today }: { today: string },
): ContentProblems<DemandField> {
  const problems: ContentProblems<DemandField> = check(
    createDemandSchema,
    demandBody(values),
    values,
    DEMAND_FIELDS,
    CHOICES,
  );
  if (!problems.requestedOn && values.requestedOn > today) {
    problems.requestedOn = 'requested_in_future';
  }
  return problems;
}

export const DEMAND_RULES: KindRules<'demand', DemandValues, DemandField> = {
  fields: DEMAND_FIELDS,
  blank: blankDemand,
  valuesOf: demandValues,
  problems: demandProblems,
  createBody: demandBody,
  updateBody: withVersion(demandBody),
};

// Problems (what the professional identifies).
export const PROBLEM_FIELDS = [
  'typeId',
  'personId',
  'startedOn',
  'active',
  'endedOn',
  'notes',
] as const;
export type ProblemField = (typeof PROBLEM_FIELDS)[number];
export type ProblemValues = {
  typeId: string;
  personId: string;
  startedOn: string;
  active: boolean;
  /** Only while not active. */
  endedOn: string;
  notes: string;
};

export const blankProblem = (today: string): ProblemValues => ({
  typeId: '',
  personId: '',
  startedOn: today,
  active: true,
  endedOn: '',
  notes: '',
});

export const problemValues = (problem: ProblemEntry): ProblemValues => ({
  typeId: problem.type.id,
  personId: problem.person.id,
  startedOn: problem.startedOn,
  active: problem.active,
  endedOn: problem.endedOn ?? '',
  notes: problem.notes,
});

/** An active problem has no end date, whatever the hidden field still holds. */
export const problemBody = (values: ProblemValues): CreateProblem => ({
  ...values,
  endedOn: values.active ? null : dateOrNull(values.endedOn),
});

export function problemProblems(values: ProblemValues): ContentProblems<ProblemField> {
  const problems: ContentProblems<ProblemField> = check(
    createProblemSchema,
    problemBody(values),
    values,
    PROBLEM_FIELDS,
    CHOICES,
  );
  if (!values.active && !problems.endedOn && values.endedOn && values.endedOn < values.startedOn) {
    problems.endedOn = 'ends_before_start';
  }
  return problems;
}

export const PROBLEM_RULES: KindRules<'problem', ProblemValues, ProblemField> = {
  fields: PROBLEM_FIELDS,
  blank: blankProblem,
  valuesOf: problemValues,
  problems: problemProblems,
  createBody: problemBody,
  updateBody: withVersion(problemBody),
};

// Resources.
export const RESOURCE_FIELDS = [
  'typeId',
  'personId',
  'state',
  'startsOn',
  'endsOn',
  'amount',
  'unit',
  'notes',
] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];
export type ResourceValues = {
  typeId: string;
  personId: string;
  /** On creation only: pre-assigned (the default) or granted at once. */
  state: ResourceState;
  startsOn: string;
  endsOn: string;
  /** As typed: "120", "120,50" or "120.50". */
  amount: string;
  unit: ResourceUnit | '';
  notes: string;
};

/** An amount as typed (a comma or a point before the cents), null when empty, NaN when not one. */
export function parseAmount(typed: string): number | null {
  const text = typed.trim();
  if (text === '') return null;
  if (!/^\d+(?:[.,]\d+)?$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

export const blankResource = (): ResourceValues => ({
  typeId: '',
  personId: '',
  state: 'pre_assigned',
  startsOn: '',
  endsOn: '',
  amount: '',
  unit: '',
  notes: '',
});

export const resourceValues = (resource: Resource): ResourceValues => ({
  typeId: resource.type.id,
  personId: resource.person.id,
  state: resource.state,
  startsOn: resource.startsOn ?? '',
  endsOn: resource.endsOn ?? '',
  amount: resource.amount === null ? '' : String(resource.amount),
  unit: resource.unit ?? '',
  notes: resource.notes,
});

export const resourceBody = (values: ResourceValues): CreateResource => ({
  ...values,
  startsOn: dateOrNull(values.startsOn),
  endsOn: dateOrNull(values.endsOn),
  amount: parseAmount(values.amount),
  unit: values.unit || null,
});

/** An edit leaves the state alone: it changes through its own buttons (grant, deny, end). */
export function resourceUpdateBody(values: ResourceValues, version: number): UpdateResource {
  const { state: _state, ...fields } = resourceBody(values);
  return { ...fields, version };
}

export function resourceProblems(values: ResourceValues): ContentProblems<ResourceField> {
  const problems: ContentProblems<ResourceField> = check(
    createResourceSchema,
    resourceBody(values),
    values,
    RESOURCE_FIELDS,
    [...CHOICES, 'state', 'unit'],
  );
  if (problems.amount && values.amount.trim() !== '') problems.amount = 'amount';
  // An amount says what it counts, and a unit needs an amount.
  const amount = values.amount.trim() !== '';
  if (amount && !values.unit && !problems.unit) problems.unit = 'unit_for_amount';
  if (!amount && values.unit && !problems.amount) problems.amount = 'required';
  if (!problems.endsOn && values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
    problems.endsOn = 'ends_before_start';
  }
  return problems;
}

export const RESOURCE_RULES: KindRules<'resource', ResourceValues, ResourceField> = {
  fields: RESOURCE_FIELDS,
  blank: blankResource,
  valuesOf: resourceValues,
  problems: resourceProblems,
  createBody: resourceBody,
  updateBody: (values, resource) => resourceUpdateBody(values, resource.version),
};

// Procedures.
export const PROCEDURE_FIELDS = [
  'typeId',
  'personId',
  'administration',
  'reference',
  'status',
  'filedOn',
  'answeredOn',
  'notes',
] as const;
export type ProcedureField = (typeof PROCEDURE_FIELDS)[number];
export type ProcedureValues = {
  typeId: string;
  personId: string;
  administration: string;
  reference: string;
  status: ProcedureStatus;
  filedOn: string;
  answeredOn: string;
  notes: string;
};

export const blankProcedure = (): ProcedureValues => ({
  typeId: '',
  personId: '',
  administration: '',
  reference: '',
  status: 'in_preparation',
  filedOn: '',
  answeredOn: '',
  notes: '',
});

export const procedureValues = (procedure: Procedure): ProcedureValues => ({
  typeId: procedure.type.id,
  personId: procedure.person.id,
  administration: procedure.administration,
  reference: procedure.reference,
  status: procedure.status,
  filedOn: procedure.filedOn ?? '',
  answeredOn: procedure.answeredOn ?? '',
  notes: procedure.notes,
});

export const procedureBody = (values: ProcedureValues): CreateProcedure => ({
  ...values,
  filedOn: dateOrNull(values.filedOn),
  answeredOn: dateOrNull(values.answeredOn),
});

export function procedureProblems(values: ProcedureValues): ContentProblems<ProcedureField> {
  const problems: ContentProblems<ProcedureField> = check(
    createProcedureSchema,
    procedureBody(values),
    values,
    PROCEDURE_FIELDS,
    [...CHOICES, 'status'],
  );
  if (
    !problems.answeredOn &&
    values.filedOn &&
    values.answeredOn &&
    values.answeredOn < values.filedOn
  ) {
    problems.answeredOn = 'answered_before_filed';
  }
  return problems;
}

export const PROCEDURE_RULES: KindRules<'procedure', ProcedureValues, ProcedureField> = {
  fields: PROCEDURE_FIELDS,
  blank: blankProcedure,
  valuesOf: procedureValues,
  problems: procedureProblems,
  createBody: procedureBody,
  updateBody: withVersion(procedureBody),
};
