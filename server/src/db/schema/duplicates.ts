import { pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Pairs of person records dismissed as "not the same person" from the candidate duplicates
 * (migrations/0012_duplicate_dismissals.sql is authoritative): the two ids in order, low first.
 */
export const personDuplicateDismissals = pgTable(
  'person_duplicate_dismissals',
  {
    entityId: uuid('entity_id').notNull(),
    personLow: uuid('person_low').notNull(),
    personHigh: uuid('person_high').notNull(),
    dismissedBy: uuid('dismissed_by').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.personLow, t.personHigh] })],
);
