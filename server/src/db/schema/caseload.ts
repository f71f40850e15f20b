import { date, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CaseloadTransferStatus, CoverReason, OperationLine } from '@caliu/common';

/**
 * Temporary access to an absent professional's caseload within one team, for a period
 * (migrations/0014_caseload_covers.sql is authoritative).
 */
export const caseloadCovers = pgTable('caseload_covers', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  teamId: uuid('team_id').notNull(),
  absentId: uuid('absent_id').notNull(),
  coverId: uuid('cover_id').notNull(),
  reason: text('reason').$type<CoverReason>().notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  grantedBy: uuid('granted_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
});

/** A notice to a professional that a record was assigned to them (migrations/0015). */
export const assignmentNotices = pgTable('assignment_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  professionalId: uuid('professional_id').notNull(),
  recordType: text('record_type').$type<'person' | 'case_file'>().notNull(),
  recordId: uuid('record_id').notNull(),
  role: text('role').$type<'referent' | 'assigned'>().notNull(),
  assignedBy: uuid('assigned_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp('seen_at', { withTimezone: true }),
});

/**
 * A coordinator's caseload transfer awaiting, or past, a second person's approval (issue 21;
 * migrations/0026_caseload_transfers.sql is authoritative).
 */
export const caseloadTransfers = pgTable('caseload_transfers', {
  id: uuid('id').notNull().defaultRandom(),
  entityId: uuid('entity_id').notNull(),
  requestedBy: uuid('requested_by').notNull(),
  fromProfessionalId: uuid('from_professional_id').notNull(),
  toProfessionalId: uuid('to_professional_id').notNull(),
  options: jsonb('options')
    .$type<{ caseFiles: 'open_and_closed' | 'open_only'; persons: boolean; agenda: boolean }>()
    .notNull(),
  reason: text('reason').notNull(),
  teamIds: uuid('team_ids').array().notNull(),
  status: text('status').$type<CaseloadTransferStatus>().notNull().default('pending'),
  requestedLines: jsonb('requested_lines').$type<OperationLine[]>().notNull(),
  requestedFingerprint: text('requested_fingerprint').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  decidedBy: uuid('decided_by'),
  decidedByAgentId: uuid('decided_by_agent_id'),
  decidedByName: text('decided_by_name'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  result: jsonb('result').$type<OperationLine[]>(),
});
