import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Tables of the tenant itself and its territory. The SQL in ../migrations is authoritative. */
export const entities = pgTable('entities', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['council', 'provider'] })
    .notNull()
    .default('council'),
  emailDomains: text('email_domains')
    .array()
    .notNull()
    .default(sql`'{}'`),
  defaultLanguage: text('default_language', { enum: ['ca', 'es', 'it', 'en'] })
    .notNull()
    .default('ca'),
  timeZone: text('time_zone').notNull().default('Europe/Madrid'),
  /** The web portal origins allowed to frame the help form (migration 0029). */
  helpFrameOrigins: text('help_frame_origins')
    .array()
    .notNull()
    .default(sql`'{}'`),
  /** How long before an appointment its reminder leaves (migration 0017). */
  appointmentReminderHours: integer('appointment_reminder_hours').notNull().default(24),
  requiresSecondFactor: boolean('requires_second_factor').notNull().default(true),
  isDemo: boolean('is_demo').notNull().default(false),
  /** Bytes of attachments the entity may hold, ready and uploading (migration 0016). */
  attachmentQuotaBytes: bigint('attachment_quota_bytes', { mode: 'number' })
    .notNull()
    .default(10 * 1024 ** 3),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const entityCounters = pgTable(
  'entity_counters',
  {
    entityId: uuid('entity_id').notNull(),
    name: text('name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.name] })],
);

export const municipalities = pgTable('municipalities', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  name: text('name').notNull(),
  ineCode: text('ine_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sectors = pgTable('sectors', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sectorMunicipalities = pgTable(
  'sector_municipalities',
  {
    entityId: uuid('entity_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sectorId, t.municipalityId] })],
);

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teamSectors = pgTable(
  'team_sectors',
  {
    entityId: uuid('entity_id').notNull(),
    teamId: uuid('team_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.sectorId] })],
);

export const teamMunicipalities = pgTable(
  'team_municipalities',
  {
    entityId: uuid('entity_id').notNull(),
    teamId: uuid('team_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.municipalityId] })],
);
