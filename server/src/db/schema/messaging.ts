import { customType, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Language } from '@caliu/common';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The transactional outbox. The SQL in ../migrations/0002_messaging.sql is authoritative. */
export const outboxMessages = pgTable('outbox_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
  template: text('template').notNull(),
  recipient: text('recipient').notNull(),
  language: text('language').notNull().$type<Language>(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  replyTo: text('reply_to'),
  secretPurpose: text('secret_purpose'),
  secretSubjectId: uuid('secret_subject_id'),
  secretTtlHours: integer('secret_ttl_hours'),
  idempotencyKey: text('idempotency_key').notNull(),
  status: text('status', { enum: ['pending', 'sent', 'failed'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

export const secretLinks = pgTable('secret_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  purpose: text('purpose').notNull(),
  subjectId: uuid('subject_id').notNull(),
  tokenHash: bytea('token_hash').notNull(),
  outboxMessageId: uuid('outbox_message_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The demo mailbox (demo mode only): delivered messages, phone numbers masked; bodies only for the
 * demo entity, metadata and the reason it was not delivered for any other.
 */
export const mailboxMessages = pgTable('mailbox_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  outboxMessageId: uuid('outbox_message_id'),
  channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
  template: text('template').notNull(),
  language: text('language').notNull().$type<Language>(),
  recipient: text('recipient').notNull(),
  sender: text('sender').notNull(),
  replyTo: text('reply_to'),
  subject: text('subject'),
  /** Null when the message was not delivered (the demo entity alone keeps bodies). */
  textBody: text('text_body'),
  htmlBody: text('html_body'),
  messageId: text('message_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Why it was not delivered: another entity's message needs a real mail server or gateway. */
  failure: text('failure', { enum: ['no_mail_server', 'no_sms_gateway'] }),
});
