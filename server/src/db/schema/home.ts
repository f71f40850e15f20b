import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The kinds of home-page alert a professional switched off or on again; no row means on
 * (migrations/0013_home_alerts.sql is authoritative).
 */
export const homeAlertPreferences = pgTable(
  'home_alert_preferences',
  {
    entityId: uuid('entity_id').notNull(),
    professionalId: uuid('professional_id').notNull(),
    kind: text('kind').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.professionalId, t.kind] })],
);
