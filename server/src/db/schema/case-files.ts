import {
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CaseFileEvent,
  CaseFileState,
  CaseScope,
  Catalogue,
  InterventionPlace,
  Language,
  MemberRole,
} from '@caliu/common';

/**
 * Case files and interventions (migrations/0008_case_files.sql is authoritative). Their other
 * content (0009_case_content.sql) is read and written with SQL in modules/case-files/content/.
 */

export const catalogueItems = pgTable('catalogue_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  catalogue: text('catalogue').$type<Catalogue>().notNull(),
  code: text('code').notNull(),
  /** The entity's own labels; null: the translation files' (`catalogues.<catalogue>.<code>`). */
  labels: jsonb('labels').$type<Partial<Record<Language, string>>>(),
  officialCode: text('official_code'),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
});

export const caseFiles = pgTable('case_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  year: integer('year').notNull(),
  seq: integer('seq').notNull(),
  scope: text('scope').$type<CaseScope>().notNull(),
  municipalityId: uuid('municipality_id').notNull(),
  teamId: uuid('team_id'),
  referentId: uuid('referent_id'),
  state: text('state').$type<CaseFileState>().notNull().default('open'),
  openedOn: date('opened_on', { mode: 'string' }).notNull(),
  closedOn: date('closed_on', { mode: 'string' }),
  closingReasonId: uuid('closing_reason_id'),
  /** Merged into another case file from a support ticket: closed, with no closing reason. */
  mergedIntoId: uuid('merged_into_id'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseFileProfessionals = pgTable(
  'case_file_professionals',
  {
    entityId: uuid('entity_id').notNull(),
    caseFileId: uuid('case_file_id').notNull(),
    professionalId: uuid('professional_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.caseFileId, t.professionalId] })],
);

export const caseFileMembers = pgTable(
  'case_file_members',
  {
    entityId: uuid('entity_id').notNull(),
    caseFileId: uuid('case_file_id').notNull(),
    personId: uuid('person_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    addedOn: date('added_on', { mode: 'string' }).notNull(),
    addedBy: uuid('added_by'),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.caseFileId, t.personId] })],
);

export const interventions = pgTable('interventions', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  caseFileId: uuid('case_file_id').notNull(),
  typeId: uuid('type_id'),
  event: text('event').$type<CaseFileEvent>(),
  /** For the `resource_granted` event: the resource granted. */
  resourceId: uuid('resource_id'),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  durationMinutes: integer('duration_minutes'),
  place: text('place').$type<InterventionPlace>(),
  notes: text('notes').notNull().default(''),
  authorId: uuid('author_id'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const interventionProfessionals = pgTable(
  'intervention_professionals',
  {
    entityId: uuid('entity_id').notNull(),
    interventionId: uuid('intervention_id').notNull(),
    professionalId: uuid('professional_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.interventionId, t.professionalId] })],
);

export const interventionPersons = pgTable(
  'intervention_persons',
  {
    entityId: uuid('entity_id').notNull(),
    interventionId: uuid('intervention_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.interventionId, t.personId] })],
);
