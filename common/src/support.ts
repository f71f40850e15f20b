import { z } from 'zod';
import { ATTACHMENT_FILE_NAME_MAX, ATTACHMENT_MEDIA_TYPES, ATTACHMENT_STATES } from './attachments';
import { operationLineSchema, operationResultSchema } from './support-operations';
import { TICKET_KINDS, TICKET_STATUSES, ticketSummarySchema } from './api';
import { MOVABLE_KINDS } from './case-content';
import { formatCaseFileNumber, parseCaseFileNumber } from './case-files';
import { isValidDocument } from './documents';
import { COST_CATEGORIES, costCategoryProblem, DOCUMENT_TYPES } from './identity';
import { ROLES } from './roles';
import type { Role } from './roles';
import { textField } from './text';

/**
 * The support desk (issue 19, decision 0009; seed 000 and DESIGN.md's "Support ticket kinds").
 * One schema per kind says exactly what the floating button's form asks and the API accepts;
 * what needs the database (the email's domain is the entity's, the team and sector exist, the
 * records exist and the requester sees them) the server checks and answers as field errors
 * (`details[].field` is the path inside `fields`, e.g. `fields.email`).
 */

export type TicketKind = (typeof TICKET_KINDS)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const uuid = z.uuid();
const note = textField({ multiline: true }).trim().max(2000);
/** A case file's number as typed: `2026/000034` or `2026/34`. */
export const caseFileNumberSchema = textField().trim().min(1).max(20);

/** The roles a new professional may be given from a ticket (never the support agent's). */
export const TICKET_ROLES = ROLES.filter((role) => role !== 'support_agent') as Exclude<
  Role,
  'support_agent'
>[];

/**
 * What the console knows about a failure, attached automatically to a connection or export
 * error: the failed request's id (`x-request-id`), the console's page, the browser and the time.
 * The server adds the entity and the user.
 */
export const diagnosticsSchema = z
  .object({
    requestId: textField().trim().max(100).nullable(),
    /** The failed request's path and status, e.g. `GET /api/case-files/export → 500`. */
    request: textField().trim().max(300).nullable(),
    page: textField().trim().max(300),
    userAgent: textField().trim().max(500),
    at: z.iso.datetime(),
  })
  .strict();
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

export const newProfessionalFieldsSchema = z
  .object({
    givenName: textField().trim().min(1).max(100),
    surnames: textField().trim().min(1).max(200),
    documentType: z.enum(DOCUMENT_TYPES),
    documentNumber: textField().trim().min(1).max(30),
    /** On one of the entity's email domains (checked by the server; the form knows them). */
    email: textField().trim().toLowerCase().max(320).pipe(z.email()),
    roles: z
      .array(z.enum(TICKET_ROLES as [string, ...string[]]).transform((r) => r as Role))
      .min(1)
      .max(TICKET_ROLES.length)
      .refine((r) => new Set(r).size === r.length, { params: { i18n: 'duplicates' } }),
    teamId: uuid,
    sectorId: uuid,
    /** Required of the immigration technician, refused for anyone else. */
    costCategory: z.enum(COST_CATEGORIES).nullable().default(null),
    /**
     * The first-access link by SMS instead of email. Only this choice is stored: when the agent
     * runs the operation (part 2) the requester is asked for the mobile, used once, never kept.
     */
    firstAccessBySms: z.boolean(),
    note: note.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!isValidDocument(value.documentType, value.documentNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['documentNumber'],
        params: { i18n: `document_${value.documentType}` },
      });
    }
    const problem = costCategoryProblem(value.roles, value.costCategory);
    if (problem)
      ctx.addIssue({ code: 'custom', path: ['costCategory'], params: { i18n: problem } });
  });

/** Why one of two person records should survive a merge (the seed's examples, and "other"). */
export const MERGE_REASONS = [
  'has_document',
  'has_referent',
  'has_case_files',
  'more_complete',
  'other',
] as const;
export type MergeReason = (typeof MERGE_REASONS)[number];

export const mergePersonsFieldsSchema = z
  .object({
    personIds: z.tuple([uuid, uuid]),
    survivorId: uuid,
    reason: z.enum(MERGE_REASONS),
    /** Required when the reason is `other`. */
    note: note.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.personIds[0] === value.personIds[1])
      ctx.addIssue({ code: 'custom', path: ['personIds', 1], params: { i18n: 'same_record' } });
    if (!value.personIds.includes(value.survivorId))
      ctx.addIssue({
        code: 'custom',
        path: ['survivorId'],
        params: { i18n: 'survivor_not_named' },
      });
    if (value.reason === 'other' && !value.note)
      ctx.addIssue({ code: 'custom', path: ['note'], params: { i18n: 'reason_note_required' } });
  });

/** A typed case file number in its one written form, when it is one (else as typed). */
function sameNumber(typed: string): string {
  const parsed = parseCaseFileNumber(typed);
  return parsed && parsed.year !== null ? formatCaseFileNumber(parsed.year, parsed.seq) : typed;
}

export const mergeCaseFilesFieldsSchema = z
  .object({
    numbers: z.tuple([caseFileNumberSchema, caseFileNumberSchema]),
    survivorNumber: caseFileNumberSchema,
    note: note.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    // One number typed two ways ("2026/1", "2026/000001") is one case file.
    const [a, b] = value.numbers.map(sameNumber);
    if (a === b)
      ctx.addIssue({ code: 'custom', path: ['numbers', 1], params: { i18n: 'same_record' } });
    if (!value.numbers.map(sameNumber).includes(sameNumber(value.survivorNumber)))
      ctx.addIssue({
        code: 'custom',
        path: ['survivorNumber'],
        params: { i18n: 'survivor_not_named' },
      });
  });

/**
 * What a mass transfer moves, from whom to whom: a support ticket's fields, and a coordinator's
 * caseload transfer (caseload-transfers.ts) with its own reason.
 */
export const massTransferShape = {
  fromProfessionalId: uuid,
  toProfessionalId: uuid,
  /** Every case file of `from` (open and closed), or only the open ones. */
  caseFiles: z.enum(['open_and_closed', 'open_only']),
  /** Whether every person record `from` is referent of (active and deceased) moves too. */
  persons: z.boolean(),
  /** Whether `from`'s agenda (upcoming appointments) moves too; the form's default is no. */
  agenda: z.boolean(),
};

/** A transfer never goes from a professional to themself. */
export function refineTransferPair(
  value: { fromProfessionalId: string; toProfessionalId: string },
  ctx: z.RefinementCtx,
) {
  if (value.fromProfessionalId === value.toProfessionalId)
    ctx.addIssue({
      code: 'custom',
      path: ['toProfessionalId'],
      params: { i18n: 'same_professional' },
    });
}

export const massTransferFieldsSchema = z
  .object({ ...massTransferShape, note: note.optional() })
  .strict()
  .superRefine(refineTransferPair);

export const deleteCaseFilesFieldsSchema = z
  .object({
    numbers: z
      .array(caseFileNumberSchema)
      .min(1)
      .max(50)
      .refine((n) => new Set(n).size === n.length, { params: { i18n: 'duplicates' } }),
    /** The requester checked that nothing is attached (resources, procedures…). */
    nothingAttached: z.boolean().refine((v) => v, { params: { i18n: 'confirm_required' } }),
    note: note.optional(),
  })
  .strict();

export const connectionErrorFieldsSchema = z
  .object({ diagnostics: diagnosticsSchema, note: note.optional() })
  .strict();

export const exportErrorFieldsSchema = z
  .object({
    /** What was being exported (a list, a document), in the requester's words. */
    what: textField().trim().min(1).max(500),
    diagnostics: diagnosticsSchema,
    note: note.optional(),
  })
  .strict();

export const otherFieldsSchema = z
  .object({ text: textField({ multiline: true }).trim().min(1).max(4000) })
  .strict();

export const TICKET_FIELDS_SCHEMAS = {
  new_professional: newProfessionalFieldsSchema,
  merge_persons: mergePersonsFieldsSchema,
  merge_case_files: mergeCaseFilesFieldsSchema,
  mass_transfer: massTransferFieldsSchema,
  delete_case_files: deleteCaseFilesFieldsSchema,
  connection_error: connectionErrorFieldsSchema,
  export_error: exportErrorFieldsSchema,
  other: otherFieldsSchema,
} as const satisfies Record<TicketKind, z.ZodType>;

export type TicketFieldsOf<K extends TicketKind> = z.output<(typeof TICKET_FIELDS_SCHEMAS)[K]>;

/** `POST /api/support/tickets` (and `/check`, which answers 204 or the same 400 without storing). */
export const ticketCreateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_professional'), fields: newProfessionalFieldsSchema }).strict(),
  z.object({ kind: z.literal('merge_persons'), fields: mergePersonsFieldsSchema }).strict(),
  z.object({ kind: z.literal('merge_case_files'), fields: mergeCaseFilesFieldsSchema }).strict(),
  z.object({ kind: z.literal('mass_transfer'), fields: massTransferFieldsSchema }).strict(),
  z.object({ kind: z.literal('delete_case_files'), fields: deleteCaseFilesFieldsSchema }).strict(),
  z.object({ kind: z.literal('connection_error'), fields: connectionErrorFieldsSchema }).strict(),
  z.object({ kind: z.literal('export_error'), fields: exportErrorFieldsSchema }).strict(),
  z.object({ kind: z.literal('other'), fields: otherFieldsSchema }).strict(),
]);
export type TicketCreate = z.infer<typeof ticketCreateSchema>;

// ─── Tickets as read ────────────────────────────────────────────────────────────────────────

/** Who may move a ticket where: agents along these arrows; the requester only answers. */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['in_progress', 'waiting_requester', 'resolved', 'rejected'],
  in_progress: ['waiting_requester', 'resolved', 'rejected'],
  waiting_requester: ['in_progress', 'resolved', 'rejected'],
  resolved: ['in_progress'],
  rejected: ['in_progress'],
};
export const OPEN_TICKET_STATUSES = ['new', 'in_progress', 'waiting_requester'] as const;

const named = z.object({ id: uuid, name: z.string() });

/**
 * The records a ticket names, resolved to what an agent may see (names and numbers, never
 * content): persons by name (and document, masked), case files by number with their counts,
 * professionals, team and sector by name. Keys are the ids or numbers the fields carry.
 */
export const ticketReferencesSchema = z.object({
  persons: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      /** Masked (`****678Z`), or null when the record has none. */
      document: z.string().nullable(),
      caseFiles: z.number().int(),
    }),
  ),
  caseFiles: z.array(
    z.object({
      id: uuid,
      number: z.string(),
      state: z.enum(['open', 'closed']),
      /** What hangs from it: interventions, demands, problems, resources, procedures, attachments. */
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
  professionals: z.array(named.extend({ caseFiles: z.number().int(), persons: z.number().int() })),
  teams: z.array(named),
  sectors: z.array(named),
});
export type TicketReferences = z.infer<typeof ticketReferencesSchema>;

/** One entry of a ticket's history: a comment, a change of status, or both. */
export const ticketEventSchema = z.object({
  id: uuid,
  side: z.enum(['requester', 'agent']),
  authorName: z.string(),
  body: z.string().nullable(),
  /** The status the ticket moved to, when the entry changed it. */
  status: z.enum(TICKET_STATUSES).nullable(),
  createdAt: z.iso.datetime(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

/**
 * A file on a ticket (a screenshot, a document), added by its requester or by an agent through
 * the chunked upload of attachments (decision 0007): no category and no document date — it is no
 * record's document. Ready ones are listed; an upload in progress only to its uploader, in the
 * answers of the upload's own requests.
 */
export const ticketAttachmentSchema = z.object({
  id: uuid,
  fileName: z.string(),
  /** Decided from the content; null while uploading and nothing has arrived yet. */
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES).nullable(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  state: z.enum(ATTACHMENT_STATES),
  side: z.enum(['requester', 'agent']),
  authorName: z.string(),
  createdAt: z.iso.datetime(),
  /** Bytes stored so far (uploading). */
  receivedBytes: z.number().int(),
  chunkBytes: z.number().int(),
  /** Its uploader may delete it: an upload in progress, or a file within a day of adding it. */
  can: z.object({ delete: z.boolean() }),
});
export type TicketAttachment = z.infer<typeof ticketAttachmentSchema>;

/** Starting an upload on a ticket: the file's name and size (checked before anything is sent). */
export const ticketAttachmentCreateSchema = z
  .object({
    fileName: textField().trim().min(1).max(ATTACHMENT_FILE_NAME_MAX),
    size: z.number().int().min(1),
  })
  .strict();
export type TicketAttachmentCreate = z.infer<typeof ticketAttachmentCreateSchema>;

/** One ticket, for its requester and for the agents (the same shape). */
export const ticketSchema = ticketSummarySchema.extend({
  entity: z.object({ id: uuid, code: z.string(), name: z.string() }),
  /** `id` is null for a ticket from the public help form that matched no professional. */
  requester: z.object({ id: uuid.nullable(), name: z.string(), email: z.string().nullable() }),
  assignee: named.nullable(),
  /** The kind's fields as the requester sent them (TICKET_FIELDS_SCHEMAS[kind]'s output). */
  fields: z.record(z.string(), z.unknown()),
  references: ticketReferencesSchema,
  /** Oldest first. */
  events: z.array(ticketEventSchema),
  /** Its files, ready ones, oldest first. */
  attachments: z.array(ticketAttachmentSchema),
  /** The administrative operation run from it (issue 20), once it ran. */
  operation: operationResultSchema.nullable(),
  firstResponseAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  /** What the reader may do now (the API enforces it regardless). */
  can: z.object({
    answer: z.boolean(),
    comment: z.boolean(),
    changeStatus: z.array(z.enum(TICKET_STATUSES)),
    assign: z.boolean(),
    attach: z.boolean(),
    /** An agent may preview and run the ticket's operation (a kind that has one, not yet run). */
    operate: z.boolean(),
  }),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** The answer of a run: `alreadyRun` when the ticket's operation had run before (nothing changed). */
export const operationRunResultSchema = z.object({
  alreadyRun: z.boolean(),
  operation: operationResultSchema,
  /**
   * What happened once the run committed, for the agent only (not stored on the ticket): the
   * first-access SMS sent, or fallen back to email.
   */
  afterwards: z.array(operationLineSchema),
  ticket: ticketSchema,
});
export type OperationRunResult = z.infer<typeof operationRunResultSchema>;

/** The requester's answer to a ticket waiting for them (it goes back to `in_progress`). */
export const ticketAnswerSchema = z
  .object({ body: textField({ multiline: true }).trim().min(1).max(4000) })
  .strict();

// ─── The agents' queue ──────────────────────────────────────────────────────────────────────

export const TICKET_AGES = ['day', 'week', 'month', 'older'] as const;

export const supportQueueQuerySchema = z.object({
  entityId: uuid.optional(),
  kind: z.enum(TICKET_KINDS).optional(),
  /** `open` = new, in progress or waiting for the requester. */
  status: z.enum([...TICKET_STATUSES, 'open']).default('open'),
  /** Created within the last day, week or month, or earlier than a month ago. */
  age: z.enum(TICKET_AGES).optional(),
  /** `me`, `none`, or an agent's id. */
  assignee: z.union([z.enum(['me', 'none']), uuid]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: textField().max(400).optional(),
});
export type SupportQueueQuery = z.infer<typeof supportQueueQuerySchema>;

/**
 * One row of the queue: no subject — the server composes it from what the requester typed (names
 * of persons), and only the ticket's own page, an audited read, shows it.
 */
export const queueTicketSchema = ticketSummarySchema.omit({ subject: true }).extend({
  entity: z.object({ id: uuid, code: z.string(), name: z.string() }),
  requesterName: z.string(),
  assignee: named.nullable(),
  firstResponseAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type QueueTicket = z.infer<typeof queueTicketSchema>;

export const ticketStatusChangeSchema = z
  .object({
    status: z.enum(TICKET_STATUSES),
    /** Shown to the requester (and emailed); required to reject or to wait for the requester. */
    comment: textField({ multiline: true }).trim().max(4000).optional(),
  })
  .strict();

export const ticketCommentCreateSchema = z
  .object({ body: textField({ multiline: true }).trim().min(1).max(4000) })
  .strict();

/** Assign to an agent of the support entity, or `null` to leave it unassigned. */
export const ticketAssignSchema = z.object({ agentId: uuid.nullable() }).strict();

/** An entity of the directory (agents' filters; the mailbox's entity filter). */
export const entityDirectoryEntrySchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
});
export const entityDirectorySchema = z.object({ items: z.array(entityDirectoryEntrySchema) });
export type EntityDirectoryEntry = z.infer<typeof entityDirectoryEntrySchema>;

export const supportAgentsSchema = z.object({ items: z.array(named) });

/** `GET /api/support/dashboard`: the last 30 days, per kind, in hours. */
export const supportDashboardSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  kinds: z.array(
    z.object({
      kind: z.enum(TICKET_KINDS),
      opened: z.number().int(),
      open: z.number().int(),
      resolved: z.number().int(),
      firstResponseHours: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
      resolutionHours: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
    }),
  ),
});
export type SupportDashboard = z.infer<typeof supportDashboardSchema>;

// ─── Coordinator requests (deflection) ──────────────────────────────────────────────────────

/** What the coordinator does, not support: the form hands these to the requester's coordinators. */
export const COORDINATOR_REQUEST_KINDS = [
  'delete_persons',
  'transfer_content',
  'delete_content',
  'unlink_persons',
] as const;
export type CoordinatorRequestKind = (typeof COORDINATOR_REQUEST_KINDS)[number];
export const COORDINATOR_REQUEST_STATUSES = ['open', 'done', 'declined'] as const;

/**
 * The records a request names: persons (delete), a case file and its persons (unlink), a case
 * file and items of its content (transfer or delete; `targetNumber` for a transfer).
 */
export const coordinatorRequestCreateSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('delete_persons'),
      personIds: z.array(uuid).min(1).max(20),
      note,
    })
    .strict(),
  z
    .object({
      kind: z.literal('unlink_persons'),
      caseFileId: uuid,
      personIds: z.array(uuid).min(1).max(20),
      note,
    })
    .strict(),
  z
    .object({
      kind: z.literal('transfer_content'),
      caseFileId: uuid,
      items: z
        .array(z.object({ kind: z.enum(MOVABLE_KINDS), id: uuid }).strict())
        .min(1)
        .max(50),
      targetNumber: caseFileNumberSchema,
      note,
    })
    .strict(),
  z
    .object({
      kind: z.literal('delete_content'),
      caseFileId: uuid,
      items: z
        .array(z.object({ kind: z.enum(MOVABLE_KINDS), id: uuid }).strict())
        .min(1)
        .max(50),
      note,
    })
    .strict(),
]);
export type CoordinatorRequestCreate = z.infer<typeof coordinatorRequestCreateSchema>;

/**
 * `GET /api/support/coordinators?caseFileId=&personIds=` — who a request would reach (the
 * coordinators of the records' teams, else of the requester's teams), for the form to name.
 */
export const coordinatorsQuerySchema = z.object({
  caseFileId: uuid.optional(),
  /** Comma-separated person ids. */
  personIds: textField().max(1000).optional(),
});
export const coordinatorsSchema = z.object({ items: z.array(named) });

export const coordinatorRequestSchema = z.object({
  id: uuid,
  kind: z.enum(COORDINATOR_REQUEST_KINDS),
  status: z.enum(COORDINATOR_REQUEST_STATUSES),
  requester: named,
  coordinators: z.array(named),
  /** What the request names, in words: persons' names, the case file's number, the items. */
  caseFile: z.object({ id: uuid, number: z.string() }).nullable(),
  persons: z.array(named),
  items: z.array(z.object({ kind: z.enum(MOVABLE_KINDS), id: uuid, label: z.string() })),
  targetNumber: z.string().nullable(),
  note: z.string(),
  closedBy: named.nullable(),
  closedReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  can: z.object({ close: z.boolean() }),
});
export type CoordinatorRequest = z.infer<typeof coordinatorRequestSchema>;

/** `?role=requester` (mine) or `?role=coordinator` (addressed to me); open ones by default. */
export const coordinatorRequestListQuerySchema = z.object({
  role: z.enum(['requester', 'coordinator']),
  status: z.enum([...COORDINATOR_REQUEST_STATUSES, 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: textField().max(400).optional(),
});

export const coordinatorRequestCloseSchema = z
  .object({
    outcome: z.enum(['done', 'declined']),
    /** Required when declined: why not. */
    reason: textField({ multiline: true }).trim().max(2000).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.outcome === 'declined' && !value.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], params: { i18n: 'reason_required' } });
  });

// ─── Self-diagnosis ─────────────────────────────────────────────────────────────────────────

/** "I cannot add an intervention/demand/resource…": the form checks before any ticket. */
export const diagnoseContentSchema = z
  .object({ personId: uuid, caseFileId: uuid, kind: z.enum(MOVABLE_KINDS) })
  .strict();

export const DIAGNOSIS_REASONS = [
  /** The person is not a member of the case file. */
  'not_member',
  /** The person lives in another municipality than the case file's (the municipality rule). */
  'municipality_mismatch',
  /** The person has no municipality recorded. */
  'person_without_municipality',
  /** The case file is closed: reopen it first. */
  'case_file_closed',
  /** The person is recorded as deceased. */
  'person_deceased',
  /** Neither referent nor assigned, nor a coordinator of its team: outside your scope. */
  'out_of_scope',
] as const;

export const diagnosisSchema = z.object({
  ok: z.boolean(),
  reasons: z.array(
    z.object({
      code: z.enum(DIAGNOSIS_REASONS),
      /** The names the explanation needs, e.g. `{ personMunicipality, caseFileMunicipality }`. */
      params: z.record(z.string(), z.string()),
    }),
  ),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

// ─── The public help form (before signing in) ───────────────────────────────────────────────

/**
 * A proof-of-work challenge (`GET /api/public/challenge`): find `nonce` such that
 * SHA-256(`${salt}:${nonce}`) starts with `difficulty` zero bits. Signed by the server (HMAC over
 * id, salt, difficulty, expiry), single use, expiring.
 */
export const powChallengeSchema = z.object({
  id: uuid,
  salt: textField().max(100),
  difficulty: z.number().int().min(1).max(32),
  expiresAt: z.iso.datetime(),
  signature: textField().max(100),
});
export type PowChallenge = z.infer<typeof powChallengeSchema>;

export const powSolutionSchema = powChallengeSchema.extend({
  nonce: textField().max(40),
});

/** `POST /api/public/support-requests`: answers 202 whatever happens next (no probing). */
export const publicSupportRequestSchema = z
  .object({
    entity: textField().trim().min(1).max(200),
    name: textField().trim().min(1).max(200),
    email: textField().trim().toLowerCase().max(320).pipe(z.email()),
    description: textField({ multiline: true }).trim().min(1).max(4000),
    /** The honeypot: hidden from people, filled in by robots; anything in it drops the request. */
    website: textField().max(500).optional(),
    proof: powSolutionSchema,
  })
  .strict();

/** `POST /api/public/support-requests/confirm`: the secret link's token. */
export const publicSupportConfirmSchema = z.object({ token: textField().trim().min(1).max(200) });
export const publicSupportConfirmedSchema = z.object({ number: z.string() });
