import { z } from 'zod';
import { CASE_SCOPES, type CaseScope, type Role, TECHNICIAN_SCOPE } from './roles';
import { textField } from './text';

/**
 * Case files (expedients) and their interventions: the API contract of /api/case-files and of
 * the catalogues they pick from. DESIGN.md has the model, the scopes and the matrix; decision
 * 0005 the numbering and how scope and SIAD invisibility are applied.
 */
export const CASE_FILE_STATES = ['open', 'closed'] as const;
export type CaseFileState = (typeof CASE_FILE_STATES)[number];

/** A person's role in a case file. At most one holder. */
export const MEMBER_ROLES = ['holder', 'partner', 'child', 'household', 'other'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * The catalogues an entity keeps (labels in every language, seeded with defaults). Codes are
 * stable: statistics and exports group by them.
 */
export const CATALOGUES = [
  'intervention_type',
  'closing_reason',
  'demand',
  'problem',
  'resource',
  'procedure',
  'document_category',
] as const;
export type Catalogue = (typeof CATALOGUES)[number];

/** What the system records by itself on a case file (an intervention without a type). */
export const CASE_FILE_EVENTS = ['opened', 'closed', 'reopened', 'resource_granted'] as const;
export type CaseFileEvent = (typeof CASE_FILE_EVENTS)[number];

export const INTERVENTION_PLACES = ['office', 'home', 'phone', 'video', 'other'] as const;
export type InterventionPlace = (typeof INTERVENTION_PLACES)[number];

/** Notes of an interview may be long: a page of text or ten. */
export const NOTES_MAX = 20_000;

const uuid = z.uuid();
const isoDate = z.iso.date();
const named = z.object({ id: z.uuid(), name: z.string() });
const idList = z
  .array(uuid)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { params: { i18n: 'duplicates' } });
const notes = textField({ multiline: true }).trim().max(NOTES_MAX);

/** The scopes a professional works as a technician ("own, of their scope"). */
export function technicianScopes(roles: readonly Role[]): CaseScope[] {
  return CASE_SCOPES.filter((scope) =>
    roles.some((role) => (TECHNICIAN_SCOPE as Record<string, CaseScope>)[role] === scope),
  );
}

/**
 * The scopes of case files a professional with these roles may open: each technician role its
 * own; the technical administrator and coordinators any (DESIGN.md).
 */
export function creatableScopes(roles: readonly Role[]): CaseScope[] {
  if (roles.includes('tech_admin') || roles.includes('coordinator')) return [...CASE_SCOPES];
  return technicianScopes(roles);
}

/**
 * A case file's number as typed in a search box: `123`, `000123`, `2026/123` or `2026/000123`.
 * Answers the year (null when not typed) and the sequence, or null when it is not a number.
 */
export function parseCaseFileNumber(text: string): { year: number | null; seq: number } | null {
  const match = /^\s*(?:(\d{4})\s*[/-]\s*)?(\d{1,7})\s*$/.exec(text);
  if (!match) return null;
  const seq = Number(match[2]);
  if (seq < 1) return null;
  return { year: match[1] ? Number(match[1]) : null, seq };
}

/** The number as shown: `2026/000123`. */
export function formatCaseFileNumber(year: number, seq: number): string {
  return `${year}/${String(seq).padStart(6, '0')}`;
}

export const caseFileIdParamsSchema = z.object({ id: uuid });
export const memberParamsSchema = z.object({ id: uuid, personId: uuid });
export const interventionParamsSchema = z.object({ id: uuid, interventionId: uuid });

/** One shape for what the user may do with a record, in every module: `can.<action>`. */
export const caseFileAbilitiesSchema = z.object({
  /** Edit the header (municipality, assigned professionals), close, reopen, link a person. */
  edit: z.boolean(),
  /** Change the referent or the team: a coordinator of the case file's team. */
  changeReferent: z.boolean(),
  changeTeam: z.boolean(),
  /** Unlink a person: a coordinator of the case file's team. */
  unlinkMember: z.boolean(),
  /** See the content (interventions…): own for technicians, team for coordinators. */
  viewContent: z.boolean(),
  /** Record content (interventions, demands, problems, resources, procedures). */
  addContent: z.boolean(),
  /** Start or edit an intervention plan. */
  editPlans: z.boolean(),
  /** Transfer content to another case file, or delete it: a coordinator of the file's team. */
  moveContent: z.boolean(),
});
export type CaseFileAbilities = z.infer<typeof caseFileAbilitiesSchema>;

/** What lists, search results and a person's page show of a case file. */
export const caseFileSummarySchema = z.object({
  id: z.uuid(),
  /** `2026/000123`. */
  number: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  scope: z.enum(CASE_SCOPES),
  state: z.enum(CASE_FILE_STATES),
  municipality: named,
  team: named.nullable(),
  referent: named.nullable(),
  /** The holder's name, when the file has one. */
  holder: named.nullable(),
  memberCount: z.number().int(),
  openedOn: isoDate,
  closedOn: isoDate.nullable(),
});
export type CaseFileSummary = z.infer<typeof caseFileSummarySchema>;

export const caseFileMemberSchema = z.object({
  person: named,
  role: z.enum(MEMBER_ROLES),
  birthDate: isoDate.nullable(),
  municipality: named,
  addedOn: isoDate,
});
export type CaseFileMember = z.infer<typeof caseFileMemberSchema>;

/** The header of a case file (all a technical administrator sees) and what the user may do. */
export const caseFileSchema = caseFileSummarySchema.extend({
  assigned: z.array(named),
  members: z.array(caseFileMemberSchema),
  closingReason: named.nullable(),
  /**
   * Merged into another case file from a support ticket: closed with no closing reason, its
   * content and members moved to this one (its number still resolves here). The survivor is
   * named only to who may see it (else both null: "merged into another case file").
   */
  mergedInto: z.object({ id: z.uuid().nullable(), number: z.string().nullable() }).nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  can: caseFileAbilitiesSchema,
});
export type CaseFile = z.infer<typeof caseFileSchema>;

export const createCaseFileSchema = z
  .object({
    /** The person the file is opened for: its holder. */
    personId: uuid,
    scope: z.enum(CASE_SCOPES),
    /** Defaults to the holder's municipality. */
    municipalityId: uuid.optional(),
    /** Defaults to the team serving the municipality; another one only by a coordinator. */
    teamId: uuid.nullable().optional(),
    /**
     * Defaults to the creator when they may be a referent (technicians and coordinators); the
     * creator may name themself or no one, someone else only a coordinator of the team.
     */
    referentId: uuid.nullable().optional(),
    assignedIds: idList.optional(),
  })
  .strict();
export type CreateCaseFile = z.infer<typeof createCaseFileSchema>;

export const updateCaseFileSchema = z
  .object({
    municipalityId: uuid,
    teamId: uuid,
    referentId: uuid.nullable(),
    assignedIds: idList,
    version: z.number().int().min(1),
  })
  .partial()
  .strict();
export type UpdateCaseFile = z.infer<typeof updateCaseFileSchema>;

export const closeCaseFileSchema = z
  .object({
    reasonId: uuid,
    note: textField({ multiline: true }).trim().max(2000).optional(),
  })
  .strict();
export type CloseCaseFile = z.infer<typeof closeCaseFileSchema>;

export const reopenCaseFileSchema = z
  .object({ reason: textField({ multiline: true }).trim().min(1).max(2000) })
  .strict();
export type ReopenCaseFile = z.infer<typeof reopenCaseFileSchema>;

export const addMemberSchema = z.object({ personId: uuid, role: z.enum(MEMBER_ROLES) }).strict();
export type AddMember = z.infer<typeof addMemberSchema>;
export const updateMemberSchema = z.object({ role: z.enum(MEMBER_ROLES) }).strict();

export const caseFileListQuerySchema = z.object({
  /** Case files where this professional is the referent or is assigned. */
  professionalId: uuid.optional(),
  teamId: uuid.optional(),
  personId: uuid.optional(),
  scope: z.enum(CASE_SCOPES).optional(),
  state: z.enum(CASE_FILE_STATES).optional(),
  municipalityId: uuid.optional(),
  /** A number as typed: `123`, `2026/123`. */
  number: textField().trim().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: textField().max(200).optional(),
});
export type CaseFileListQuery = z.infer<typeof caseFileListQuerySchema>;

export const caseFilePageSchema = z.object({
  items: z.array(caseFileSummarySchema),
  nextCursor: z.string().nullable(),
  /** How many case files match, all pages together (only those the user may see). */
  total: z.number().int(),
});
export type CaseFilePage = z.infer<typeof caseFilePageSchema>;

/** A catalogue entry as the user reads it: the label in their language. */
export const catalogueItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  label: z.string(),
  /** The label in every language (catalogue administration edits them). */
  labels: z.object({ ca: z.string(), es: z.string(), it: z.string(), en: z.string() }),
  /**
   * The code of the region's official classification, when the entity set one (in Catalonia
   * the RUDEL classification of the yearly social-services data sheets): figures group by it.
   */
  officialCode: z.string().nullable(),
  active: z.boolean(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;
export const catalogueParamsSchema = z.object({ catalogue: z.enum(CATALOGUES) });
export const catalogueSchema = z.object({ items: z.array(catalogueItemSchema) });

const interventionFields = {
  typeId: uuid,
  /** The day it took place (entity time); not in the future. */
  occurredOn: isoDate,
  /** Minutes, up to a working day. */
  durationMinutes: z.number().int().min(1).max(720).nullable().optional(),
  place: z.enum(INTERVENTION_PLACES).nullable().optional(),
  /** Professionals who took part besides the author (who always did). */
  professionalIds: idList.optional(),
  /** Members present; each must live in the case file's municipality. */
  personIds: idList.optional(),
  notes: notes.optional(),
};

export const createInterventionSchema = z.object(interventionFields).strict();
export type CreateIntervention = z.infer<typeof createInterventionSchema>;
export const updateInterventionSchema = z
  .object(interventionFields)
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict();
export type UpdateIntervention = z.infer<typeof updateInterventionSchema>;

export const interventionSchema = z.object({
  id: z.uuid(),
  caseFileId: z.uuid(),
  /** The catalogue type, or null for what the system recorded (`event`). */
  type: named.nullable(),
  event: z.enum(CASE_FILE_EVENTS).nullable(),
  /** For `resource_granted`: the resource (its id, its catalogue label). */
  resource: named.nullable(),
  occurredOn: isoDate,
  durationMinutes: z.number().int().nullable(),
  place: z.enum(INTERVENTION_PLACES).nullable(),
  professionals: z.array(named),
  persons: z.array(named),
  notes: z.string(),
  author: named.nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  can: z.object({ edit: z.boolean() }),
});
export type Intervention = z.infer<typeof interventionSchema>;

export const interventionPageSchema = z.object({
  items: z.array(interventionSchema),
  nextCursor: z.string().nullable(),
});
export type InterventionPage = z.infer<typeof interventionPageSchema>;

export const interventionListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: textField().max(200).optional(),
});
