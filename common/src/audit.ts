import { z } from 'zod';
import { textField } from './text';

const auditQueryObject = z.object({
  actorId: z.uuid().optional(),
  recordType: textField().trim().min(1).max(64).optional(),
  recordId: textField().trim().min(1).max(64).optional(),
  action: textField().trim().min(1).max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: textField()
    .regex(/^\d{1,18}$/)
    .optional(),
});

/** A date range whose end is not before its start (dates as YYYY-MM-DD compare as text). */
const dateRangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const dateRangeIssue = { path: ['to'], params: { i18n: 'date_range' } };

/** Filters of the administrator's audit search. */
export const auditQuerySchema = auditQueryObject.refine(dateRangeInOrder, dateRangeIssue);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The same filters for the CSV download. */
export const auditExportQuerySchema = auditQueryObject
  .extend({ format: z.enum(['csv']).default('csv') })
  .refine(dateRangeInOrder, dateRangeIssue);

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z
    .object({ id: z.uuid(), name: z.string().nullable(), fromSupport: z.boolean() })
    .nullable(),
  action: z.string(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  /**
   * The record's name, at the time of reading, when the viewer may see it (a person only within
   * their scope of persons' basic data); null otherwise: the console then shows an opaque reference.
   */
  recordName: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
