import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Language } from '@caliu/common';

/**
 * migrations/0021 is authoritative. A help request of the public form waiting for its
 * confirmation link to be followed (deleted a day after it was sent). The used challenges live
 * in caliu_private, out of the application's reach (functions caliu_use_challenge and
 * caliu_purge_public_forms).
 */
export const publicSupportRequests = pgTable('public_support_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  description: text('description').notNull(),
  language: text('language').notNull().$type<Language>(),
  userAgent: text('user_agent').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  ticketId: uuid('ticket_id'),
});
