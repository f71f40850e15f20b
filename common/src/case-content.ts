import { z } from 'zod';
import { caseFileSchema, interventionSchema } from './case-files';
import { CASE_SCOPES } from './roles';
import { textField } from './text';

/**
 * The content of a case file beyond interventions (DESIGN.md, case file): demands, problems,
 * resources, procedures and intervention plans, and the timeline that shows all of it in date
 * order. Demands, problems, resources and procedures concern one member of the file, who must
 * live in the case file's municipality (the municipality rule, `case_files.municipality_mismatch`).
 */

export const CONTENT_KINDS = [
  'intervention',
  'demand',
  'problem',
  'resource',
  'procedure',
  'plan',
] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Resource states: pre-assigned → granted | denied; granted → ended. */
export const RESOURCE_STATES = ['pre_assigned', 'granted', 'denied', 'ended'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];
export const RESOURCE_TRANSITIONS: Record<ResourceState, readonly ResourceState[]> = {
  pre_assigned: ['granted', 'denied'],
  granted: ['ended'],
  denied: [],
  ended: [],
};
export const RESOURCE_UNITS = ['euros', 'hours_per_week'] as const;
export type ResourceUnit = (typeof RESOURCE_UNITS)[number];

/** A procedure before another administration. */
export const PROCEDURE_STATUSES = [
  'in_preparation',
  'filed',
  'pending_documents',
  'granted',
  'denied',
  'withdrawn',
] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

export const PLAN_STATES = ['active', 'closed'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const DESCRIPTION_MAX = 4000;

const uuid = z.uuid();
const isoDate = z.iso.date();
const named = z.object({ id: z.uuid(), name: z.string() });
const description = textField({ multiline: true }).trim().max(DESCRIPTION_MAX);
const version = z.number().int().min(1);

export const contentItemParamsSchema = z.object({ id: uuid, itemId: uuid });

/** What every entry carries besides its own fields. */
const entry = {
  id: z.uuid(),
  caseFileId: z.uuid(),
  author: named.nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Its author, or a coordinator of the file's team, while the file is open. */
  can: z.object({ edit: z.boolean() }),
};

// Demands: what the person asks for.
const demandFields = {
  typeId: uuid,
  /** The member who asks; lives in the case file's municipality. */
  personId: uuid,
  /** The day it was asked (entity time); not in the future. */
  requestedOn: isoDate,
  description: description.optional(),
};
export const createDemandSchema = z.object(demandFields).strict();
export type CreateDemand = z.infer<typeof createDemandSchema>;
export const updateDemandSchema = z
  .object(demandFields)
  .partial()
  .extend({ version: version.optional() })
  .strict();
export type UpdateDemand = z.infer<typeof updateDemandSchema>;
export const demandSchema = z.object({
  ...entry,
  type: named,
  person: named,
  requestedOn: isoDate,
  description: z.string(),
});
export type Demand = z.infer<typeof demandSchema>;

// Problems: what the professional identifies.
const problemFields = {
  typeId: uuid,
  personId: uuid,
  startedOn: isoDate,
  /** Still active; when false, `endedOn` may say since when. */
  active: z.boolean(),
  endedOn: isoDate.nullable(),
  notes: description,
};
export const createProblemSchema = z
  .object(problemFields)
  .partial({ active: true, endedOn: true, notes: true })
  .strict();
export type CreateProblem = z.infer<typeof createProblemSchema>;
export const updateProblemSchema = z
  .object(problemFields)
  .partial()
  .extend({ version: version.optional() })
  .strict();
export type UpdateProblem = z.infer<typeof updateProblemSchema>;
export const problemSchema = z.object({
  ...entry,
  type: named,
  person: named,
  startedOn: isoDate,
  active: z.boolean(),
  endedOn: isoDate.nullable(),
  notes: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

// Resources: a benefit or service assigned.
const resourceFields = {
  typeId: uuid,
  personId: uuid,
  /** A new resource is pre-assigned (default) or granted straight away. */
  state: z.enum(RESOURCE_STATES),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  /** Euros (once or per month) or hours per week; both or neither. */
  amount: z.number().positive().max(1_000_000).multipleOf(0.01).nullable(),
  unit: z.enum(RESOURCE_UNITS).nullable(),
  notes: description,
};
export const createResourceSchema = z
  .object(resourceFields)
  .partial({ state: true, startsOn: true, endsOn: true, amount: true, unit: true, notes: true })
  .strict();
export type CreateResource = z.infer<typeof createResourceSchema>;
export const updateResourceSchema = z
  .object(resourceFields)
  .partial()
  .extend({ version: version.optional() })
  .strict();
export type UpdateResource = z.infer<typeof updateResourceSchema>;
export const resourceSchema = z.object({
  ...entry,
  type: named,
  person: named,
  state: z.enum(RESOURCE_STATES),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  amount: z.number().nullable(),
  unit: z.enum(RESOURCE_UNITS).nullable(),
  notes: z.string(),
  /** The state changes this one may take now (RESOURCE_TRANSITIONS). */
  nextStates: z.array(z.enum(RESOURCE_STATES)),
});
export type Resource = z.infer<typeof resourceSchema>;

// Procedures: an application to another administration.
const procedureFields = {
  typeId: uuid,
  personId: uuid,
  /** The other administration (e.g. "Generalitat de Catalunya – Departament de Drets Socials"). */
  administration: textField().trim().min(1).max(200),
  /** Its reference there, when it has one. */
  reference: textField().trim().max(100),
  status: z.enum(PROCEDURE_STATUSES),
  filedOn: isoDate.nullable(),
  answeredOn: isoDate.nullable(),
  notes: description,
};
export const createProcedureSchema = z
  .object(procedureFields)
  .partial({ reference: true, status: true, filedOn: true, answeredOn: true, notes: true })
  .strict();
export type CreateProcedure = z.infer<typeof createProcedureSchema>;
export const updateProcedureSchema = z
  .object(procedureFields)
  .partial()
  .extend({ version: version.optional() })
  .strict();
export type UpdateProcedure = z.infer<typeof updateProcedureSchema>;
export const procedureSchema = z.object({
  ...entry,
  type: named,
  person: named,
  administration: z.string(),
  reference: z.string(),
  status: z.enum(PROCEDURE_STATUSES),
  filedOn: isoDate.nullable(),
  answeredOn: isoDate.nullable(),
  notes: z.string(),
});
export type Procedure = z.infer<typeof procedureSchema>;

// Intervention plans: objectives, agreed actions, review dates.
export const planActionInputSchema = z
  .object({
    description: textField().trim().min(1).max(500),
    /** Who does it: a member, the professional, another service ("the school"). */
    responsible: textField().trim().min(1).max(200),
    dueOn: isoDate.nullable().optional(),
    done: z.boolean().optional(),
  })
  .strict();
export type PlanActionInput = z.infer<typeof planActionInputSchema>;
export const planReviewInputSchema = z
  .object({
    dueOn: isoDate,
    /** Filled when the review took place. */
    heldOn: isoDate.nullable().optional(),
    notes: textField({ multiline: true }).trim().max(2000).optional(),
  })
  .strict();
export type PlanReviewInput = z.infer<typeof planReviewInputSchema>;
const planFields = {
  startedOn: isoDate,
  objectives: textField({ multiline: true }).trim().min(1).max(DESCRIPTION_MAX),
  /** The agreed actions, in order (the list replaces the stored one). */
  actions: z.array(planActionInputSchema).max(50),
  /** Review dates (the list replaces the stored one). */
  reviews: z.array(planReviewInputSchema).max(24),
  /** The person signed the plan (the signed paper is kept as an attachment). */
  signedByPerson: z.boolean(),
  state: z.enum(PLAN_STATES),
};
export const createPlanSchema = z
  .object(planFields)
  .partial({ actions: true, reviews: true, signedByPerson: true, state: true })
  .strict();
export type CreatePlan = z.infer<typeof createPlanSchema>;
export const updatePlanSchema = z
  .object(planFields)
  .partial()
  .extend({ version: version.optional() })
  .strict();
export type UpdatePlan = z.infer<typeof updatePlanSchema>;
export const planSchema = z.object({
  ...entry,
  startedOn: isoDate,
  objectives: z.string(),
  actions: z.array(
    z.object({
      description: z.string(),
      responsible: z.string(),
      dueOn: isoDate.nullable(),
      done: z.boolean(),
    }),
  ),
  reviews: z.array(z.object({ dueOn: isoDate, heldOn: isoDate.nullable(), notes: z.string() })),
  /** The first review not yet held. */
  nextReviewOn: isoDate.nullable(),
  signedByPerson: z.boolean(),
  state: z.enum(PLAN_STATES),
});
export type Plan = z.infer<typeof planSchema>;

/** One entry of the timeline: the kind and the entry as its own endpoint answers it. */
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('intervention'), date: isoDate, item: interventionSchema }),
  z.object({ kind: z.literal('demand'), date: isoDate, item: demandSchema }),
  z.object({ kind: z.literal('problem'), date: isoDate, item: problemSchema }),
  z.object({ kind: z.literal('resource'), date: isoDate, item: resourceSchema }),
  z.object({ kind: z.literal('procedure'), date: isoDate, item: procedureSchema }),
  z.object({ kind: z.literal('plan'), date: isoDate, item: planSchema }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** Comma-separated kinds in a query string: `?kinds=demand,resource`. */
const kindList = textField()
  .max(200)
  .transform((text) =>
    text
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(CONTENT_KINDS)).max(CONTENT_KINDS.length));

export const timelineQuerySchema = z.object({
  kinds: kindList.optional(),
  /** Entries this professional wrote or took part in. */
  professionalId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: textField().max(200).optional(),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;
export const timelinePageSchema = z.object({
  items: z.array(timelineEntrySchema),
  nextCursor: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;

/**
 * Opening a case file in one request: `GET /api/case-files/:id?timeline=20` answers the header
 * with the first page of its timeline (null when the user may not read its content).
 */
export const caseFileOpenQuerySchema = z.object({
  timeline: z.coerce.number().int().min(1).max(100).optional(),
});
export type CaseFileOpenQuery = z.infer<typeof caseFileOpenQuerySchema>;
export const openedCaseFileSchema = caseFileSchema.extend({
  timeline: timelinePageSchema.nullable().optional(),
});
export type OpenedCaseFile = z.infer<typeof openedCaseFileSchema>;

/** A list of one kind under a case file: `/demands`, `/problems`, `/resources`… */
export const contentListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: textField().max(200).optional(),
});
export type ContentListQuery = z.infer<typeof contentListQuerySchema>;
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const demandPageSchema = pageOf(demandSchema);
export const problemPageSchema = pageOf(problemSchema);
export const resourcePageSchema = pageOf(resourceSchema);
export const procedurePageSchema = pageOf(procedureSchema);
export const planPageSchema = pageOf(planSchema);

/**
 * What is active for a person at a glance, across the case files whose content the user may
 * read (an audited read): open case files, active problems, granted resources, the next plan
 * review. `hiddenOpenCaseFiles` is never a SIAD count: files behind the SIAD wall do not exist.
 */
export const personActiveSchema = z.object({
  caseFiles: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      scope: z.enum(CASE_SCOPES),
      referent: named.nullable(),
    }),
  ),
  problems: z.array(
    z.object({
      id: z.uuid(),
      caseFileId: z.uuid(),
      caseFileNumber: z.string(),
      type: named,
      startedOn: isoDate,
    }),
  ),
  resources: z.array(
    z.object({
      id: z.uuid(),
      caseFileId: z.uuid(),
      caseFileNumber: z.string(),
      type: named,
      startsOn: isoDate.nullable(),
      endsOn: isoDate.nullable(),
      amount: z.number().nullable(),
      unit: z.enum(RESOURCE_UNITS).nullable(),
    }),
  ),
  nextReview: z
    .object({
      planId: z.uuid(),
      caseFileId: z.uuid(),
      caseFileNumber: z.string(),
      dueOn: isoDate,
    })
    .nullable(),
});
export type PersonActive = z.infer<typeof personActiveSchema>;

/**
 * A coordinator's tools on content (issue 16): the kinds that may be transferred to another case
 * file of their teams or deleted. Plans stay with their file; what the system recorded by itself
 * (an opening, a resource's grant) moves or goes only with what it records.
 */
export const MOVABLE_KINDS = [
  'intervention',
  'demand',
  'problem',
  'resource',
  'procedure',
] as const;
export type MovableKind = (typeof MOVABLE_KINDS)[number];

export const transferContentSchema = z.object({
  /** The target's number as typed: `2026/000034` or `2026/34`. */
  target: textField().trim().min(1).max(20),
  /** Only check and say what would happen. */
  preview: z.boolean().default(false),
});
export type TransferContent = z.infer<typeof transferContentSchema>;

/** An item as a confirmation names it. */
export const contentItemFactsSchema = z.object({
  kind: z.enum(MOVABLE_KINDS),
  id: z.uuid(),
  /** Its type's name in the user's language. */
  type: z.string(),
  date: isoDate,
  persons: z.array(named),
});
export type ContentItemFacts = z.infer<typeof contentItemFactsSchema>;

const fileNumber = z.object({ id: z.uuid(), number: z.string() });

/** A transfer done, or (`done` false) what a transfer would do. */
export const contentMoveSchema = z.object({
  done: z.boolean(),
  item: contentItemFactsSchema,
  from: fileNumber,
  to: fileNumber,
  /** Interventions that went along (a resource's grant records). */
  carried: z.number().int(),
  /** Attachments that go with it (its own and those of what it carries). */
  attachments: z.number().int(),
});
export type ContentMove = z.infer<typeof contentMoveSchema>;

export const contentDeletionSchema = z.object({
  item: contentItemFactsSchema,
  /** Interventions deleted with it (a resource's grant records). */
  carried: z.number().int(),
  /** Attachments deleted with it (its own and those of what it carries). */
  attachments: z.number().int(),
});
export type ContentDeletion = z.infer<typeof contentDeletionSchema>;
