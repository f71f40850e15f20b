import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TICKET_KINDS, TICKET_STATUSES } from '@caliu/common';

export const supportTickets = pgTable('support_tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  number: text('number').notNull(),
  kind: text('kind').notNull().$type<(typeof TICKET_KINDS)[number]>(),
  status: text('status').notNull().default('new').$type<(typeof TICKET_STATUSES)[number]>(),
  requesterId: uuid('requester_id').notNull(),
  subject: text('subject').notNull(),
  fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
