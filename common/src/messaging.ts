import { z } from 'zod';
import { textField } from './text';
import { LANGUAGES } from './languages';

/**
 * The messaging API shared by the server and the console: the demo mailbox ("sent mail", demo
 * mode only) and the administrator's failed messages with their retry.
 */

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);

/** The entity a mailbox message belongs to (the support agent sees every entity's). */
export const mailboxEntitySchema = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const mailboxSummarySchema = z.object({
  id: z.uuid(),
  entity: mailboxEntitySchema,
  channel: messageChannelSchema,
  template: z.string(),
  language: z.enum(LANGUAGES),
  /** An email address, or a phone number masked to its last 3 digits. */
  to: z.string(),
  /** Null for an SMS. */
  subject: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type MailboxSummary = z.infer<typeof mailboxSummarySchema>;

/** One message as it would have been sent: both parts; the HTML is Caliu's own, data escaped. */
export const mailboxMessageSchema = mailboxSummarySchema.extend({
  from: z.string(),
  replyTo: z.string().nullable(),
  messageId: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
});
export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;

export const mailboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: textField().max(200).optional(),
  /** The support agent may list one entity's messages; others always see their own entity's. */
  entity: z.uuid().optional(),
});

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/** A message of the outbox, as the administrator's console shows a failed one. */
export const outboxMessageSchema = z.object({
  id: z.uuid(),
  channel: messageChannelSchema,
  template: z.string(),
  to: z.string(),
  language: z.enum(LANGUAGES),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime(),
});
export type OutboxMessageView = z.infer<typeof outboxMessageSchema>;

export const messageIdParamsSchema = z.object({ id: z.uuid() });
