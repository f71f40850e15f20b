import { z } from 'zod';
import { textField } from './text';
import { caseFileSummarySchema } from './case-files';

/**
 * The home page's alerts (issue 16): what asks for a professional's attention among the case
 * files they work — the ones within their scope of `content.view` (own for a technician, the
 * teams they coordinate for a coordinator), open ones only, since content changes only there.
 */
export const ALERT_KINDS = [
  /** An active intervention plan with a review past its date and not held. */
  'plan_review_overdue',
  /** A resource still granted after its end date. */
  'resource_past_end',
  /** A resource pre-assigned for more than a month. */
  'resource_pre_assigned',
  /** An open case file, opened over a year ago, without any intervention for a year. */
  'case_file_inactive',
  /** An active person of those case files without a referent (a coordinator: also of their teams). */
  'person_without_referent',
  /** A member of a case file living in another municipality than the case file's. */
  'municipality_mismatch',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const alertKindSchema = z.enum(ALERT_KINDS);

/** One kind of alert: how many records it holds (null while switched off) and whether it is on. */
export const alertCountSchema = z.object({
  code: alertKindSchema,
  count: z.number().int().nullable(),
  enabled: z.boolean(),
});
export type AlertCount = z.infer<typeof alertCountSchema>;

export const alertCountsSchema = z.object({ items: z.array(alertCountSchema) });
export type AlertCounts = z.infer<typeof alertCountsSchema>;

export const alertKindParamsSchema = z.object({ kind: alertKindSchema });

export const alertListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: textField().max(400).optional(),
});

const named = z.object({ id: z.uuid(), name: z.string() });

/**
 * One record behind an alert: the case file it is in and the person it concerns (when either
 * applies), the date that makes it an alert (a review's due date, a resource's end or recording,
 * the last intervention), a resource's type, and for a municipality
 * mismatch both municipalities.
 */
export const alertRecordSchema = z.object({
  id: z.uuid(),
  caseFile: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  person: named.nullable(),
  date: z.iso.date().nullable(),
  /** A resource's type, in the user's language. */
  type: z.string().nullable(),
  municipalities: z.object({ person: z.string(), caseFile: z.string() }).nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

export const alertRecordPageSchema = z.object({
  items: z.array(alertRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AlertRecordPage = z.infer<typeof alertRecordPageSchema>;

/** Switches one kind of alert on or off for the signed-in professional. */
export const alertPreferenceSchema = z.object({ kind: alertKindSchema, enabled: z.boolean() });
export type AlertPreference = z.infer<typeof alertPreferenceSchema>;

/** The case files the professional opened last, most recent first. */
export const recentCaseFilesSchema = z.object({ items: z.array(caseFileSummarySchema) });
export type RecentCaseFiles = z.infer<typeof recentCaseFilesSchema>;
