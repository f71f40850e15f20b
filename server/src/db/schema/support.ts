import { sql } from 'drizzle-orm';
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  COORDINATOR_REQUEST_KINDS,
  Language,
  COORDINATOR_REQUEST_STATUSES,
  MovableKind,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '@caliu/common';

/** migrations/0001 and 0019 are authoritative. */
export const supportTickets = pgTable('support_tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  number: text('number').notNull(),
  kind: text('kind').notNull().$type<(typeof TICKET_KINDS)[number]>(),
  status: text('status').notNull().default('new').$type<(typeof TICKET_STATUSES)[number]>(),
  /** Null for a ticket from the public help form whose email matched no professional. */
  requesterId: uuid('requester_id'),
  requesterName: text('requester_name'),
  requesterEmail: text('requester_email'),
  /** A public-form ticket's language (its author wrote in it); null for a professional's. */
  requesterLanguage: text('requester_language').$type<Language>(),
  subject: text('subject').notNull(),
  fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
  assignedAgentId: uuid('assigned_agent_id'),
  assignedAgentName: text('assigned_agent_name'),
  firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A ticket's history: a comment, a change of status, or both. */
export const supportTicketEvents = pgTable('support_ticket_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  ticketId: uuid('ticket_id').notNull(),
  side: text('side').notNull().$type<'requester' | 'agent'>(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  body: text('body'),
  status: text('status').$type<(typeof TICKET_STATUSES)[number]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const coordinatorRequests = pgTable('coordinator_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  kind: text('kind').notNull().$type<(typeof COORDINATOR_REQUEST_KINDS)[number]>(),
  status: text('status')
    .notNull()
    .default('open')
    .$type<(typeof COORDINATOR_REQUEST_STATUSES)[number]>(),
  requesterId: uuid('requester_id').notNull(),
  caseFileId: uuid('case_file_id'),
  personIds: uuid('person_ids')
    .array()
    .notNull()
    .default(sql`'{}'`),
  items: jsonb('items').$type<{ kind: MovableKind; id: string }[]>().notNull().default([]),
  targetNumber: text('target_number'),
  note: text('note').notNull().default(''),
  closedBy: uuid('closed_by'),
  closedReason: text('closed_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const coordinatorRequestRecipients = pgTable(
  'coordinator_request_recipients',
  {
    entityId: uuid('entity_id').notNull(),
    requestId: uuid('request_id').notNull(),
    coordinatorId: uuid('coordinator_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.requestId, t.coordinatorId] })],
);
