import { z } from 'zod';
import { textField } from './text';

/**
 * The operations a support agent runs from a ticket (issue 20, docs/decisions/0010): a preview
 * says what would change, the run changes exactly that (or refuses when the records changed since),
 * once per ticket. What they show is names, numbers and counts — never content.
 */

/** The ticket kinds that carry an operation (the others are answered in words). */
export const OPERATION_KINDS = [
  'new_professional',
  'merge_persons',
  'merge_case_files',
  'mass_transfer',
  'delete_case_files',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The operations built so far (the console offers a preview for these). */
export const OPERATIONS_AVAILABLE: readonly OperationKind[] = [
  'delete_case_files',
  'mass_transfer',
  'merge_persons',
  'merge_case_files',
  'new_professional',
];

/**
 * One line of what an operation changes (preview) or changed (result): a key the reader's console
 * or email words with the count (`case_files_deleted` → "3 case files deleted"), and the numbers
 * or names it concerns.
 */
export const operationLineSchema = z.object({
  key: z.string(),
  count: z.number().int().min(0),
  /** Case file numbers or persons' names (at most OPERATION_LINE_ITEMS; `count` is the total). */
  items: z.array(z.string()),
});
export type OperationLine = z.infer<typeof operationLineSchema>;
export const OPERATION_LINE_ITEMS = 50;

/** Why an operation cannot run, in the agent's language (with its code, for tests and logs). */
export const operationBlockerSchema = z.object({ code: z.string(), message: z.string() });
export type OperationBlocker = z.infer<typeof operationBlockerSchema>;

/**
 * A field where the two records of a merge differ (a merge of person records): the survivor's
 * value stays unless the agent chooses the other's (`takeFromOther` of the run). Values are the
 * identification and contact the agent needs to choose — never content.
 */
export const operationConflictSchema = z.object({
  field: z.string(),
  survivor: z.string(),
  other: z.string(),
});
export type OperationConflict = z.infer<typeof operationConflictSchema>;

/** What the run needs from the agent besides the confirmation: a mobile typed at the run. */
export const OPERATION_ASKS = ['mobile'] as const;
export type OperationAsk = (typeof OPERATION_ASKS)[number];

export const operationPreviewSchema = z.object({
  kind: z.enum(OPERATION_KINDS),
  /** No blocker: the run may go. */
  ready: z.boolean(),
  blockers: z.array(operationBlockerSchema),
  lines: z.array(operationLineSchema),
  /** Fields the agent chooses between (merge of person records); empty for the others. */
  conflicts: z.array(operationConflictSchema),
  /**
   * What the agent types at the run: `mobile` when a new professional's first-access link goes
   * by SMS (asked of the requester, used for that one message, never stored).
   */
  asks: z.array(z.enum(OPERATION_ASKS)),
  /** The SHA-256 of what this preview showed: the run refuses when the records changed since. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type OperationPreview = z.infer<typeof operationPreviewSchema>;

export const operationRunSchema = z
  .object({
    fingerprint: textField().regex(/^[0-9a-f]{64}$/),
    /** The conflicting fields (`OperationConflict.field`) whose value is taken from the other. */
    takeFromOther: z.array(textField().max(60)).max(40).default([]),
    /** The new professional's mobile, when the preview asks for it: used once, never stored. */
    mobile: textField()
      .trim()
      .regex(/^\+?[0-9 ]{6,20}$/)
      .optional(),
  })
  .strict();
export type OperationRun = z.infer<typeof operationRunSchema>;

/** What an operation changed, stored on its ticket. */
export const operationResultSchema = z.object({
  kind: z.enum(OPERATION_KINDS),
  lines: z.array(operationLineSchema),
  ranAt: z.iso.datetime(),
  ranBy: z.string(),
});
export type OperationResult = z.infer<typeof operationResultSchema>;
