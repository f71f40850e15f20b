import { z } from 'zod';
import { LANGUAGES } from './languages';
import { textField } from './text';

/**
 * Community help (issues 22–23, docs/decisions/0012): a citizen's help request, typed on the
 * public form of an entity (`/help/<entity code>`) or by a professional after a phone call, held
 * apart as an untrusted submission until an operator imports it as a help request.
 * DESIGN.md's "Help-request workflow": submitted → imported → dispatched | deleted → completed.
 */

/** What help is asked for (the seed's kinds). */
export const HELP_TYPES = [
  'shopping',
  'medicines',
  'accompaniment',
  'phone_company',
  'transport',
  'paperwork',
  'other',
] as const;
export type HelpType = (typeof HELP_TYPES)[number];

/** When it is needed: as soon as possible, or on a date in a part of the day. */
export const HELP_WHEN = ['asap', 'date'] as const;
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

export const HELP_URGENCIES = ['low', 'medium', 'high'] as const;
export type HelpUrgency = (typeof HELP_URGENCIES)[number];

/** A help request's states (a submission not yet imported reads as `submitted`). */
export const HELP_REQUEST_STATUSES = ['imported', 'dispatched', 'deleted', 'completed'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** What the status page shows a citizen: the state only, nothing personal. */
export const HELP_PUBLIC_STATES = ['received', 'in_review', 'sent', 'closed', 'completed'] as const;
export type HelpPublicState = (typeof HELP_PUBLIC_STATES)[number];

const PHONE_CHARACTERS = /^[+0-9 ().-]*$/;
const filled = (value: string | null | undefined) =>
  typeof value === 'string' && value.trim() !== '';
const isoDate = z.iso.date().refine((date) => /^(20\d\d|2100)-/.test(date));

/** The form's fields but the consent: what the public form and an operator's edit share. */
const helpRequestFields = {
  name: textField().trim().min(1).max(200),
  phone: textField().trim().max(30).regex(PHONE_CHARACTERS).optional().default(''),
  email: textField()
    .trim()
    .pipe(z.email().max(254).or(z.literal('')))
    .optional()
    .default(''),
  address: textField({ multiline: true }).trim().min(1).max(300),
  municipalityId: z.uuid(),
  helpType: z.enum(HELP_TYPES),
  when: z.enum(HELP_WHEN),
  neededOn: isoDate.optional(),
  neededPart: z.enum(PARTS_OF_DAY).optional(),
  urgency: z.enum(HELP_URGENCIES),
  description: textField({ multiline: true }).trim().min(1).max(2000),
  language: z.enum(LANGUAGES),
};

/** Phone and/or email; a date and a part of the day when `when` is `date`. */
function refineHelpRequest(
  value: { phone: string; email: string; when: string; neededOn?: string; neededPart?: string },
  ctx: z.RefinementCtx,
) {
  const issue = (path: string, i18n: string) =>
    ctx.addIssue({ code: 'custom', path: [path], params: { i18n }, message: i18n });
  if (!filled(value.phone) && !filled(value.email)) {
    issue('phone', 'phone_or_email');
    issue('email', 'phone_or_email');
  }
  if (value.when === 'date') {
    if (!value.neededOn) issue('neededOn', 'required');
    if (!value.neededPart) issue('neededPart', 'required');
  }
}

/**
 * The form's fields, the same on the public page and in the console (a professional typing a
 * request after a call). Phone and/or email; a date and a part of the day when `when` is `date`;
 * consent to the processing of the data is required. Message keys: `validation.<key>`.
 */
export const helpRequestFormSchema = z
  .object({
    ...helpRequestFields,
    consent: z.literal(true, { error: () => ({ message: 'consent_required' }) }),
  })
  .superRefine(refineHelpRequest);
export type HelpRequestForm = z.infer<typeof helpRequestFormSchema>;

// ---------------------------------------------------------------------------------------------
// The operators' API (issue 22 items 3–5, `help_requests.manage`): import, the table, a request's
// page (with suggested person records), its edit, the link to a person, its deletion, and a
// professional's entry after a phone call.

/** The operators' table: how it is sorted. */
export const HELP_REQUEST_SORTS = [
  'newest',
  'oldest',
  'urgency',
  'needed',
  'status',
  'type',
  'municipality',
] as const;
export type HelpRequestSort = (typeof HELP_REQUEST_SORTS)[number];

/** How old a request is (since it was submitted): under a day, under a week, a week or more. */
export const HELP_REQUEST_AGES = ['day', 'week', 'older'] as const;
export type HelpRequestAge = (typeof HELP_REQUEST_AGES)[number];

/**
 * The table's filters. No `status`: the working list (every state but `deleted`); `needed`:
 * `asap`, or `date` with an optional range `neededFrom`–`neededTo`.
 */
export const helpRequestListQuerySchema = z.object({
  status: z.enum(HELP_REQUEST_STATUSES).optional(),
  helpType: z.enum(HELP_TYPES).optional(),
  municipalityId: z.uuid().optional(),
  urgency: z.enum(HELP_URGENCIES).optional(),
  needed: z.enum(HELP_WHEN).optional(),
  neededFrom: isoDate.optional(),
  neededTo: isoDate.optional(),
  age: z.enum(HELP_REQUEST_AGES).optional(),
  sort: z.enum(HELP_REQUEST_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: textField().max(200).optional(),
});
export type HelpRequestListQuery = z.infer<typeof helpRequestListQuerySchema>;

/** A row of the operators' table (the name is null once erased). */
export const helpRequestItemSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(HELP_REQUEST_STATUSES),
  name: z.string().nullable(),
  municipality: z.object({ id: z.uuid(), name: z.string() }),
  helpType: z.enum(HELP_TYPES),
  urgency: z.enum(HELP_URGENCIES),
  neededOn: z.string().nullable(),
  neededPart: z.enum(PARTS_OF_DAY).nullable(),
  submittedAt: z.iso.datetime(),
  importedAt: z.iso.datetime(),
  personId: z.uuid().nullable(),
  /**
   * How many person records the system suggests for it (a similar name and the same phone or
   * email; at most 5): none once it is linked, deleted or erased. The table shows the count, the
   * request's page the records.
   */
  suggestedPersons: z.number().int().min(0),
  enteredByStaff: z.boolean(),
});
export type HelpRequestItem = z.infer<typeof helpRequestItemSchema>;

export const helpRequestPageSchema = z.object({
  items: z.array(helpRequestItemSchema),
  nextCursor: z.string().nullable(),
});
export type HelpRequestPage = z.infer<typeof helpRequestPageSchema>;

/** A person record suggested for a request: its basic data, and what matched. */
export const helpRequestSuggestionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  birthDate: z.string().nullable(),
  municipality: z.string(),
  samePhone: z.boolean(),
  sameEmail: z.boolean(),
});
export type HelpRequestSuggestion = z.infer<typeof helpRequestSuggestionSchema>;

/** A request's page: everything typed (until erased), its state, its person, the suggestions. */
export const helpRequestSchema = helpRequestItemSchema.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string().nullable(),
  language: z.enum(LANGUAGES),
  consentAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  enteredBy: z.string().nullable(),
  importedBy: z.string(),
  person: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  deletedAt: z.iso.datetime().nullable(),
  deletedBy: z.string().nullable(),
  deleteReason: z.string().nullable(),
  erasedAt: z.iso.datetime().nullable(),
  suggestions: z.array(helpRequestSuggestionSchema),
});
export type HelpRequest = z.infer<typeof helpRequestSchema>;

export const helpRequestParamsSchema = z.object({ id: z.uuid() });

/**
 * An operator's edit (verifying the request): the form's fields but the consent, given already.
 * The same rules: phone and/or email; a date and a part of the day when `when` is `date`.
 */
export const helpRequestEditSchema = z.object(helpRequestFields).superRefine(refineHelpRequest);
export type HelpRequestEdit = z.infer<typeof helpRequestEditSchema>;

/** Link the request to a person record (one of the entity's), or unlink it (`null`). */
export const helpRequestLinkSchema = z.object({ personId: z.uuid().nullable() });
export type HelpRequestLink = z.infer<typeof helpRequestLinkSchema>;

/** Delete a request (the green "Delete request"): why, in words. */
export const helpRequestDeleteSchema = z.object({
  reason: textField({ multiline: true }).trim().min(1).max(1000),
});
export type HelpRequestDelete = z.infer<typeof helpRequestDeleteSchema>;

/**
 * What "Import requests" did: how many submissions became help requests, and how many could not
 * and why — `municipalityRemoved`: the municipality chosen on the form is no longer the entity's
 * (they stay out of the table and are erased with the unimported after the retention period).
 */
export const helpRequestImportResultSchema = z.object({
  imported: z.number().int().min(0),
  skipped: z.object({ municipalityRemoved: z.number().int().min(0) }),
});
export type HelpRequestImportResult = z.infer<typeof helpRequestImportResultSchema>;

/** A request a professional typed after a phone call: its submission's reference. */
export const helpRequestEntryResultSchema = z.object({ id: z.uuid(), reference: z.string() });
export type HelpRequestEntryResult = z.infer<typeof helpRequestEntryResultSchema>;
