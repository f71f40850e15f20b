import { z } from 'zod';
import { textField } from './text';
import { LANGUAGES } from './languages';

/**
 * The messaging API shared by the server and the console: the demo mailbox ("sent mail", demo
 * mode only) and the administrator's failed messages with their retry.
 */

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);

/**
 * Why a message of the demo mailbox was not delivered: only the demo entity's messages are kept
 * whole; any other entity needs a real mail server (or SMS gateway) and without one its messages
 * are kept as metadata and fail.
 */
export const MAILBOX_FAILURES = ['no_mail_server', 'no_sms_gateway'] as const;
export type MailboxFailure = (typeof MAILBOX_FAILURES)[number];

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
  /** Null: delivered into the demo mailbox. Else why it was not delivered (and failed). */
  failure: z.enum(MAILBOX_FAILURES).nullable(),
});
export type MailboxSummary = z.infer<typeof mailboxSummarySchema>;

/**
 * Why a message's body is not shown: it was not delivered (nothing was kept), or the reader is the
 * support agent, who sees every entity's metadata and never a body (it may hold a live link).
 */
export const MAILBOX_BODY_WITHHELD = ['not_delivered', 'support_agent'] as const;

/** One message as it would have been sent: both parts; the HTML is Caliu's own, data escaped. */
export const mailboxMessageSchema = mailboxSummarySchema.extend({
  from: z.string(),
  replyTo: z.string().nullable(),
  messageId: z.string().nullable(),
  /** Null when the body is withheld (`bodyWithheld` says why). */
  text: z.string().nullable(),
  html: z.string().nullable(),
  bodyWithheld: z.enum(MAILBOX_BODY_WITHHELD).nullable(),
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
