import { z } from 'zod';
import { textField } from './text';
import { isValidPassport, normalizeDocument, checkLetterFor } from './documents';
import { LANGUAGES } from './languages';
import { phoneProblem } from './phone';
import { caseFileSummarySchema } from './case-files';
import { personActiveSchema } from './case-content';

/**
 * Person records: the API contract of /api/persons and the administrator's data-subject tools.
 * Custom rules name their message key (`validation.<key>` in the server's persons locale area).
 */
export const SEXES = ['female', 'male', 'other'] as const;
export const PERSON_DOCUMENT_TYPES = ['dni', 'nie', 'passport'] as const;
export const HOUSING_TYPES = ['flat', 'house', 'room', 'institution', 'no_home', 'other'] as const;
export const HOUSING_TENURES = [
  'owned',
  'rented',
  'social_rental',
  'sublet',
  'lent',
  'without_title',
  'other',
] as const;
export const PERSON_STATUSES = ['active', 'deceased'] as const;
export const PERSON_HISTORY_FIELDS = ['referent', 'municipality', 'team', 'status'] as const;
/** How a search result matched: every word whole and nothing else, whole words, a part, one typo. */
export const SEARCH_MATCHES = ['document', 'exact', 'words', 'partial', 'approximate'] as const;
export const DUPLICATE_REASONS = ['same_document', 'similar_name_same_birth_date'] as const;

/** Why a document number is refused, or null when it is acceptable for its type. */
export function documentProblem(
  type: (typeof PERSON_DOCUMENT_TYPES)[number],
  value: string,
):
  'dni_format' | 'dni_check_letter' | 'nie_format' | 'nie_check_letter' | 'passport_format' | null {
  const v = normalizeDocument(value);
  if (type === 'passport') return isValidPassport(v) ? null : 'passport_format';
  if (type === 'dni') {
    const m = /^(\d{8})([A-Z])$/.exec(v);
    if (!m) return 'dni_format';
    return checkLetterFor(m[1]!) === m[2] ? null : 'dni_check_letter';
  }
  const m = /^([XYZ])(\d{7})([A-Z])$/.exec(v);
  if (!m) return 'nie_format';
  return checkLetterFor(String('XYZ'.indexOf(m[1]!)) + m[2]!) === m[3] ? null : 'nie_check_letter';
}

const isoDate = z.iso.date();
const uuid = z.uuid();
const personName = textField().trim().min(1).max(100);
/** Optional text: null or '' clear it. Multi-line text (an address) keeps its line breaks. */
const optionalText = (max: number, options: { multiline?: boolean } = {}) =>
  textField(options).trim().max(max).nullable().optional();
const PHONE_CHARACTERS = /^[+0-9 ().-]*$/;
const phone = textField().trim().max(30).regex(PHONE_CHARACTERS).nullable().optional();

const personFields = {
  givenName: personName,
  firstSurname: personName,
  secondSurname: optionalText(100),
  sex: z.enum(SEXES).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  nationality: textField()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional(),
  documentType: z.enum(PERSON_DOCUMENT_TYPES).nullable().optional(),
  documentNumber: optionalText(30),
  mobilePhone: phone,
  otherPhone: phone,
  email: textField()
    .pipe(z.email().max(254).or(z.literal('')))
    .nullable()
    .optional(),
  preferredLanguage: z.enum(LANGUAGES).nullable().optional(),
  consentSms: z.boolean().optional(),
  consentEmail: z.boolean().optional(),
  address: optionalText(300, { multiline: true }),
  postalCode: optionalText(10),
  municipalityId: uuid,
  sectorId: uuid.nullable().optional(),
  housingType: z.enum(HOUSING_TYPES).nullable().optional(),
  housingTenure: z.enum(HOUSING_TENURES).nullable().optional(),
  referentId: uuid.nullable().optional(),
  teamId: uuid.nullable().optional(),
};

type DocumentAndContact = {
  documentType?: unknown;
  documentNumber?: unknown;
  consentSms?: unknown;
  consentEmail?: unknown;
  mobilePhone?: unknown;
  otherPhone?: unknown;
  email?: unknown;
};

const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const isDocumentType = (v: unknown): v is (typeof PERSON_DOCUMENT_TYPES)[number] =>
  (PERSON_DOCUMENT_TYPES as readonly unknown[]).includes(v);

/** The document must match its type (DNI/NIE check letter); consents need their channel. */
function documentAndConsentRules(partial: boolean) {
  return (value: DocumentAndContact, ctx: z.RefinementCtx) => {
    const issue = (path: string, i18n: string) =>
      ctx.addIssue({ code: 'custom', path: [path], params: { i18n }, message: i18n });
    if (partial && (value.documentType === undefined) !== (value.documentNumber === undefined)) {
      const missing = value.documentType === undefined ? 'documentType' : 'documentNumber';
      issue(missing, 'document_together');
    } else {
      const hasType = value.documentType !== undefined && value.documentType !== null;
      const hasNumber = filled(value.documentNumber);
      if (hasType && !hasNumber) issue('documentNumber', 'required');
      if (!hasType && hasNumber) issue('documentType', 'document_type_required');
      if (
        isDocumentType(value.documentType) &&
        typeof value.documentNumber === 'string' &&
        hasNumber
      ) {
        const problem = documentProblem(value.documentType, value.documentNumber);
        if (problem) issue('documentNumber', problem);
      }
    }
    // A number written with the right characters must also be one that can exist (and the
    // mobile one, receive SMS); a wrong character already has its own message.
    for (const [field, mobile] of [
      ['mobilePhone', true],
      ['otherPhone', false],
    ] as const) {
      const number = value[field];
      if (typeof number !== 'string' || !filled(number) || !PHONE_CHARACTERS.test(number.trim())) {
        continue;
      }
      const problem = phoneProblem(number.trim(), { mobile });
      if (problem) issue(field, problem);
    }
    // On a partial update the service checks consents against the stored contact.
    if (!partial && value.consentSms === true && !filled(value.mobilePhone)) {
      issue('consentSms', 'consent_sms_needs_mobile');
    }
    if (!partial && value.consentEmail === true && !filled(value.email)) {
      issue('consentEmail', 'consent_email_needs_email');
    }
  };
}

/** Run the cross-field rules even when another field failed: forms validate as you type. */
const always = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null,
};

export const createPersonSchema = z
  .object(personFields)
  .strict()
  .superRefine(documentAndConsentRules(false), always);
export type CreatePerson = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = z
  .object(personFields)
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict()
  .superRefine(documentAndConsentRules(true), always);
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

export const markDeceasedSchema = z.object({ deceasedOn: isoDate }).strict();

export const personIdParamsSchema = z.object({ id: uuid });

export const personSearchQuerySchema = z.object({
  q: textField().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: textField().max(200).optional(),
});

const named = z.object({ id: z.uuid(), name: z.string() });

/** What a list, a search result or a duplicate warning shows of a person. */
export const personSummarySchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  firstSurname: z.string(),
  secondSurname: z.string().nullable(),
  sex: z.enum(SEXES).nullable(),
  birthDate: isoDate.nullable(),
  documentType: z.enum(PERSON_DOCUMENT_TYPES).nullable(),
  documentNumber: z.string().nullable(),
  municipality: named,
  status: z.enum(PERSON_STATUSES),
  deceasedOn: isoDate.nullable(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personSearchResultSchema = personSummarySchema.extend({
  match: z.enum(SEARCH_MATCHES),
});

export const personSearchPageSchema = z.object({
  items: z.array(personSearchResultSchema),
  nextCursor: z.string().nullable(),
  /**
   * The query was a DNI or NIE with a wrong check letter ("12345678A"): the items include the
   * persons with its number (12345678), and the console says which letter it should have (Z).
   */
  wrongCheckLetter: z
    .object({ typed: z.string(), number: z.string(), expected: z.string() })
    .nullable()
    .optional(),
});
export type PersonSearchPage = z.infer<typeof personSearchPageSchema>;

/** A person's basic data (identification, contact, housing) and what the user may do with it. */
export const personSchema = personSummarySchema.extend({
  nationality: z.string().nullable(),
  mobilePhone: z.string().nullable(),
  otherPhone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.enum(LANGUAGES).nullable(),
  consentSms: z.boolean(),
  consentEmail: z.boolean(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  sector: named.nullable(),
  housingType: z.enum(HOUSING_TYPES).nullable(),
  housingTenure: z.enum(HOUSING_TENURES).nullable(),
  referent: named.nullable(),
  team: named.nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /**
   * A record merged into another by support (issue 20): a tombstone that nothing changes; the
   * console goes on to the record it was merged into.
   */
  mergedInto: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Declarative policy: what the console may offer this user on this record. */
  can: z.object({
    edit: z.boolean(),
    viewFullRecord: z.boolean(),
    /** Change the referent or the team: a coordinator of the person's team. */
    changeReferent: z.boolean(),
    changeTeam: z.boolean(),
    delete: z.boolean(),
    /** Reactivate a person recorded as deceased by mistake: a coordinator of the person's team. */
    reactivate: z.boolean(),
    /** Open a case file for this person (of a scope the user may create). */
    openCaseFile: z.boolean(),
  }),
});
export type Person = z.infer<typeof personSchema>;

export const personHistoryItemSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  field: z.enum(PERSON_HISTORY_FIELDS),
  from: named.nullable(),
  to: named.nullable(),
  detail: z.string().nullable(),
  by: named.nullable(),
});
export const personHistoryPageSchema = z.object({
  items: z.array(personHistoryItemSchema),
  nextCursor: z.string().nullable(),
});
export type PersonHistoryItem = z.infer<typeof personHistoryItemSchema>;

/** A person's page: the basic data and, when the viewer may see the full record, its history. */
export const personViewSchema = personSchema.extend({
  history: personHistoryPageSchema.nullable(),
  /** The person's case files the viewer may see (nothing hints at the others). */
  caseFiles: z.array(caseFileSummarySchema),
  /**
   * What is active for them in the case files whose content the viewer reads (null for who
   * reads no content): part of the same read, recorded in the same audit entry.
   */
  active: personActiveSchema.nullable(),
});
export type PersonView = z.infer<typeof personViewSchema>;

export const duplicateCheckSchema = z
  .object({
    givenName: textField().trim().max(100).optional(),
    firstSurname: textField().trim().max(100).optional(),
    secondSurname: textField().trim().max(100).nullable().optional(),
    birthDate: isoDate.nullable().optional(),
    documentType: z.enum(PERSON_DOCUMENT_TYPES).nullable().optional(),
    documentNumber: textField().trim().max(30).nullable().optional(),
    /** The record being edited, never its own duplicate. */
    excludeId: z.uuid().optional(),
  })
  .strict();
export type DuplicateCheck = z.infer<typeof duplicateCheckSchema>;

export const duplicateCandidateSchema = personSummarySchema.extend({
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
});
export const duplicateCheckResultSchema = z.object({ items: z.array(duplicateCandidateSchema) });
export type DuplicateCheckResult = z.infer<typeof duplicateCheckResultSchema>;

/** The administrator's look-up: identification only. */
export const personLookupQuerySchema = z
  .object({
    document: textField().trim().min(1).max(30).optional(),
    name: textField().trim().min(1).max(200).optional(),
  })
  .refine((v) => (v.document === undefined) !== (v.name === undefined), {
    params: { i18n: 'lookup_document_or_name' },
    path: ['document'],
  });

export const personIdentificationSchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  firstSurname: z.string(),
  secondSurname: z.string().nullable(),
  birthDate: isoDate.nullable(),
  documentType: z.enum(PERSON_DOCUMENT_TYPES).nullable(),
  documentNumber: z.string().nullable(),
  status: z.enum(PERSON_STATUSES),
});
export type PersonIdentification = z.infer<typeof personIdentificationSchema>;
export const personLookupResultSchema = z.object({ items: z.array(personIdentificationSchema) });

/** GDPR art. 15: who consulted or changed this person's data, and when. */
export const accessReportSchema = z.object({
  person: personIdentificationSchema,
  generatedAt: z.iso.datetime(),
  entries: z.array(
    z.object({
      at: z.iso.datetime(),
      action: z.string(),
      outcome: z.enum(['ok', 'denied', 'failed']),
      /** A professional of the entity, or a support agent (named by the support desk). */
      actor: z
        .object({
          id: z.uuid(),
          name: z.string().nullable(),
          username: z.string().nullable(),
          fromSupport: z.boolean(),
        })
        .nullable(),
    }),
  ),
  /** True when only the most recent entries fit in the report. */
  truncated: z.boolean(),
});
export type AccessReport = z.infer<typeof accessReportSchema>;

/** Who may be chosen as a person's referent: active technicians and coordinators, with teams. */
export const referentOptionsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), teamIds: z.array(z.uuid()) })),
});
export type ReferentOptions = z.infer<typeof referentOptionsSchema>;

/** A place (municipality, and sector if any): which team a new record there would get. */
export const teamForPlaceQuerySchema = z.object({
  municipalityId: z.uuid(),
  sectorId: z.uuid().optional(),
});
export type TeamForPlaceQuery = z.infer<typeof teamForPlaceQuerySchema>;

export const teamForPlaceSchema = z.object({
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type TeamForPlace = z.infer<typeof teamForPlaceSchema>;
