import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
