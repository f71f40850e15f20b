import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only: the application role may insert and select, never update or delete. */
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  entityId: uuid('entity_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorEntityId: uuid('actor_entity_id'),
  action: text('action').notNull(),
  outcome: text('outcome', { enum: ['ok', 'denied', 'failed'] })
    .notNull()
    .default('ok'),
  recordType: text('record_type'),
  recordId: text('record_id'),
  requestId: text('request_id'),
  ticketId: uuid('ticket_id'),
  ip: text('ip'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
});

/** The persons an audit row concerns (the access report finds reads of their case files). */
export const auditSubjects = pgTable(
  'audit_subjects',
  {
    entityId: uuid('entity_id').notNull(),
    personId: uuid('person_id').notNull(),
    auditId: bigint('audit_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.personId, t.auditId] })],
);
