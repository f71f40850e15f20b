import {
  bigint,
  boolean,
  customType,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from '@caliu/common';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const professionals = pgTable('professionals', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  username: text('username').notNull(),
  givenName: text('given_name').notNull(),
  surnames: text('surnames').notNull(),
  documentType: text('document_type', { enum: ['dni', 'nie', 'passport'] }),
  documentNumber: text('document_number'),
  email: text('email').notNull(),
  language: text('language', { enum: ['ca', 'es', 'it', 'en'] }),
  roles: text('roles').array().notNull().$type<Role[]>(),
  costCategory: text('cost_category', { enum: ['A', 'B', 'C'] }),
  sectorId: uuid('sector_id'),
  passwordHash: text('password_hash'),
  active: boolean('active').notNull().default(true),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teamMemberships = pgTable(
  'team_memberships',
  {
    entityId: uuid('entity_id').notNull(),
    teamId: uuid('team_id').notNull(),
    professionalId: uuid('professional_id').notNull(),
    isCoordinator: boolean('is_coordinator').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.professionalId] })],
);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  professionalId: uuid('professional_id').notNull(),
  tokenHash: bytea('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
  absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endReason: text('end_reason', {
    enum: ['logout', 'expired', 'deactivated', 'rotated', 'password_changed'],
  }),
});

/** A professional's TOTP second factor; the secret is encrypted (modules/auth/secret-box.ts). */
export const secondFactors = pgTable('second_factors', {
  entityId: uuid('entity_id').notNull(),
  professionalId: uuid('professional_id').primaryKey(),
  secretCiphertext: bytea('secret_ciphertext').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastTimeStep: bigint('last_time_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const secondFactorRecoveryCodes = pgTable('second_factor_recovery_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  professionalId: uuid('professional_id').notNull(),
  codeHash: bytea('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const loginChallenges = pgTable('login_challenges', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  professionalId: uuid('professional_id').notNull(),
  tokenHash: bytea('token_hash').notNull(),
  failures: integer('failures').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const loginThrottles = pgTable(
  'login_throttles',
  {
    entityId: uuid('entity_id').notNull(),
    kind: text('kind', { enum: ['account_address', 'account', 'address'] }).notNull(),
    keyHash: bytea('key_hash').notNull(),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.kind, t.keyHash] })],
);
