import { z } from 'zod';
import { massTransferShape, refineTransferPair } from './support';
import { operationBlockerSchema, operationLineSchema } from './support-operations';
import { textField } from './text';

/**
 * A coordinator's caseload transfer, run only once a second person approves it (issue 21,
 * docs/decisions/0011): the mass transfer of a support ticket (the same command and preview),
 * restricted to the requesting coordinator's teams.
 */

const uuid = z.uuid();
const named = z.object({ id: z.uuid(), name: z.string() });

export const CASELOAD_TRANSFER_STATUSES = ['pending', 'done', 'cancelled', 'expired'] as const;
export type CaseloadTransferStatus = (typeof CASELOAD_TRANSFER_STATUSES)[number];

/** What the requester asks to move: as a mass transfer ticket, without the note. */
export const caseloadTransferRequestSchema = z
  .object({
    ...massTransferShape,
    /** Why, for the approver (a professional leaving, a change of team…). */
    reason: textField({ multiline: true }).trim().min(1).max(1000),
  })
  .strict()
  .superRefine(refineTransferPair);
export type CaseloadTransferRequest = z.infer<typeof caseloadTransferRequestSchema>;

/**
 * A preview of the transfer as it would run now: the mass transfer's lines (restricted to the
 * requester's teams), what stays outside as counts (`outside`: lines too), the blockers in words,
 * and the fingerprint the approval confirms.
 */
export const caseloadTransferPreviewSchema = z.object({
  ready: z.boolean(),
  blockers: z.array(operationBlockerSchema),
  lines: z.array(operationLineSchema),
  outside: z.array(operationLineSchema),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CaseloadTransferPreview = z.infer<typeof caseloadTransferPreviewSchema>;

export const caseloadTransferSchema = z.object({
  id: z.uuid(),
  status: z.enum(CASELOAD_TRANSFER_STATUSES),
  from: named,
  to: named,
  caseFiles: z.enum(['open_and_closed', 'open_only']),
  persons: z.boolean(),
  agenda: z.boolean(),
  reason: z.string(),
  requestedBy: named,
  requestedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** What the preview said when it was requested (the approver compares with the current one). */
  requestedLines: z.array(operationLineSchema),
  /** Who approved or cancelled it (an agent by the name they had), and when. */
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  /** What moved, once it ran. */
  result: z.array(operationLineSchema).nullable(),
  can: z.object({ approve: z.boolean(), cancel: z.boolean() }),
  /** The transfer's entity: in a support agent's list, which spans every council. */
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).optional(),
});
export type CaseloadTransfer = z.infer<typeof caseloadTransferSchema>;

export const caseloadTransferListSchema = z.object({ items: z.array(caseloadTransferSchema) });

/** The approval confirms the preview the approver saw (recomputed at approval). */
export const caseloadTransferApproveSchema = z
  .object({ fingerprint: textField().regex(/^[0-9a-f]{64}$/) })
  .strict();
export type CaseloadTransferApprove = z.infer<typeof caseloadTransferApproveSchema>;

export const caseloadTransferParamsSchema = z.object({ id: uuid });

/** A support agent's transfer of a council: the entity's id and the transfer's. */
export const supportCaseloadTransferParamsSchema = z.object({ entityId: uuid, id: uuid });
