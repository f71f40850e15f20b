import { z } from 'zod';

/** Filters of the administrator's audit search (and of its CSV download). */
export const auditQuerySchema = z.object({
  actorId: z.uuid().optional(),
  recordType: z.string().trim().min(1).max(64).optional(),
  recordId: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

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
  ticketId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
