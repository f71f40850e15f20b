import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  HOUSING_TENURES,
  HOUSING_TYPES,
  Language,
  PERSON_DOCUMENT_TYPES,
  PERSON_HISTORY_FIELDS,
  PERSON_STATUSES,
  SEXES,
} from '@caliu/common';

/** Person records (migrations/0004_persons.sql is authoritative). */
export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  givenName: text('given_name').notNull(),
  firstSurname: text('first_surname').notNull(),
  secondSurname: text('second_surname'),
  sex: text('sex').$type<(typeof SEXES)[number]>(),
  birthDate: date('birth_date', { mode: 'string' }),
  nationality: text('nationality'),
  documentType: text('document_type').$type<(typeof PERSON_DOCUMENT_TYPES)[number]>(),
  documentNumber: text('document_number'),
  mobilePhone: text('mobile_phone'),
  otherPhone: text('other_phone'),
  email: text('email'),
  preferredLanguage: text('preferred_language').$type<Language>(),
  consentSms: boolean('consent_sms').notNull().default(false),
  consentEmail: boolean('consent_email').notNull().default(false),
  /** Reminders reach this person although they have a SIAD case file (migration 0017). */
  siadRemindersAllowed: boolean('siad_reminders_allowed').notNull().default(false),
  address: text('address'),
  postalCode: text('postal_code'),
  municipalityId: uuid('municipality_id').notNull(),
  sectorId: uuid('sector_id'),
  housingType: text('housing_type').$type<(typeof HOUSING_TYPES)[number]>(),
  housingTenure: text('housing_tenure').$type<(typeof HOUSING_TENURES)[number]>(),
  status: text('status').$type<(typeof PERSON_STATUSES)[number]>().notNull().default('active'),
  deceasedOn: date('deceased_on', { mode: 'string' }),
  referentId: uuid('referent_id'),
  teamId: uuid('team_id'),
  /** Merged into another record from a support ticket: a tombstone whose links resolve there. */
  mergedIntoId: uuid('merged_into_id'),
  mergedAt: timestamp('merged_at', { withTimezone: true }),
  /** The folded search key of the name: computed by the database, never written. */
  searchName: text('search_name')
    .notNull()
    .generatedAlwaysAs(sql`caliu_person_name_key(given_name, first_surname, second_surname)`),
  /** How many of its words are not particles (computed by the database). */
  searchWords: integer('search_words')
    .notNull()
    .generatedAlwaysAs(
      sql`caliu_significant_words(caliu_person_name_key(given_name, first_surname, second_surname))`,
    ),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const personHistory = pgTable('person_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  personId: uuid('person_id').notNull(),
  field: text('field').$type<(typeof PERSON_HISTORY_FIELDS)[number]>().notNull(),
  oldId: uuid('old_id'),
  newId: uuid('new_id'),
  detail: text('detail'),
  changedBy: uuid('changed_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The name vocabulary of an entity and its one-letter deletions (kept by database triggers). */
export const personNameWords = pgTable(
  'person_name_words',
  {
    entityId: uuid('entity_id').notNull(),
    word: text('word').notNull(),
    persons: integer('persons').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.word] })],
);

export const personNameWordDeletions = pgTable(
  'person_name_word_deletions',
  {
    entityId: uuid('entity_id').notNull(),
    deletion: text('deletion').notNull(),
    word: text('word').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.deletion, t.word] })],
);

/** The inverted index of name words that search runs on (kept by database triggers). */
export const personNameTerms = pgTable(
  'person_name_terms',
  {
    entityId: uuid('entity_id').notNull(),
    personId: uuid('person_id').notNull(),
    word: text('word').notNull(),
    name: text('name').notNull(),
    nameWords: integer('name_words').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.personId, t.word] })],
);
