import { useTranslation } from 'react-i18next';
import { auditEntrySchema } from '@caliu/common';
import type { AuditEntry } from '@caliu/common';

/** The case file's content beyond interventions: its kinds, and what is done to them. */
export const CONTENT_RECORDS = ['demand', 'problem', 'resource', 'procedure', 'plan'] as const;
type ContentAction = `${(typeof CONTENT_RECORDS)[number]}.${'create' | 'update'}`;
const CONTENT_ACTIONS = CONTENT_RECORDS.flatMap((kind) => [
  `${kind}.create` as ContentAction,
  `${kind}.update` as ContentAction,
]);

/** What a coordinator does to an item of content besides recording it (issue 16). */
const MOVABLE_RECORDS = ['intervention', 'demand', 'problem', 'resource', 'procedure'] as const;
type ToolAction = `${(typeof MOVABLE_RECORDS)[number]}.${'transfer' | 'delete'}`;
const TOOL_ACTIONS = MOVABLE_RECORDS.flatMap((kind) => [
  `${kind}.transfer` as ToolAction,
  `${kind}.delete` as ToolAction,
]);

/**
 * The audit actions the console names in words (and offers in the action filter): every action
 * the server writes. A module that adds one adds it here, with its words and its sentence
 * (sentence.ts); until then it is shown by its code.
 */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_challenge',
  'auth.logout',
  'auth.activate',
  'auth.password_reset_request',
  'auth.password_reset',
  'auth.password_change',
  'auth.second_factor_enrolment_start',
  'auth.second_factor_enrol',
  'auth.second_factor_remove',
  'access.denied',
  'access.not_found',
  'audit.search',
  'audit.export',
  'entity.create',
  'entity.update',
  'municipality.create',
  'municipality.update',
  'municipality.delete',
  'sector.create',
  'sector.update',
  'sector.delete',
  'team.create',
  'team.update',
  'team.members_update',
  'professional.create',
  'professional.update',
  'professional.deactivate',
  'professional.reactivate',
  'professional.activation_send',
  'mailbox.read',
  'outbox.retry',
  'support.cross_entity_read',
  'support.public_request',
  'support.public_request_confirm',
  'support.ticket_open',
  'support.ticket_answer',
  'support.ticket_read',
  'support.ticket_comment',
  'support.ticket_status',
  'support.ticket_assign',
  'support.operation_preview',
  'support.operation_run',
  'person.search',
  'person.duplicate_check',
  'person.duplicates_list',
  'person.duplicate_dismiss',
  'person.duplicate_dismiss_undo',
  'person.read_basic',
  'person.read_full',
  'person.create',
  'person.update',
  'person.deceased',
  'person.reactivate',
  'person.delete',
  'person.transfer',
  'person.merge',
  'person.lookup',
  'person.access_report',
  'case_file.create',
  'case_file.read',
  'case_file.read_content',
  'case_file.update',
  'case_file.delete',
  'case_file.transfer',
  'case_file.merge',
  'case_file.close',
  'case_file.reopen',
  'case_file.member_add',
  'case_file.member_role',
  'case_file.member_remove',
  'intervention.create',
  'intervention.update',
  ...CONTENT_ACTIONS,
  ...TOOL_ACTIONS,
  'catalogue_entry.create',
  'catalogue_entry.update',
  'catalogue_entry.retire',
  'catalogue_entry.reinstate',
  'catalogue_entry.delete',
  'home.alert_list',
  'home.alert_preference',
  'home.recent_case_files',
  'caseload_cover.create',
  'caseload_cover.end',
  'caseload.notices_read',
  'caseload_transfer.request',
  'caseload_transfer.approve',
  'caseload_transfer.cancel',
  'help_request.import',
  'help_request.read',
  'help_request.update',
  'help_request.link_person',
  'help_request.unlink_person',
  'help_request.delete',
  'help_request.erase',
  'help_request.enter',
  'attachment.create',
  'attachment.list',
  'attachment.download',
  'attachment.delete',
  'agenda.read',
  'agenda.person_read',
  'appointment.create',
  'appointment.read',
  'appointment.update',
  'appointment.cancel',
  'appointments.move',
  'time_reservation.create',
  'time_reservation.delete',
  'working_hours.update',
  'public_holiday.create',
  'public_holiday.delete',
  'person.siad_reminders',
  'calendar_feed.create',
  'calendar_feed.read',
  'calendar_feed.revoke',
  'coordinator_request.create',
  'coordinator_request.read',
  'coordinator_request.close',
  'support.diagnose_content',
] as const;

/** The record types the console names in words; any other is shown by its code. */
export const KNOWN_RECORD_TYPES = [
  'person',
  'professional',
  'team',
  'sector',
  'municipality',
  'entity',
  'session',
  'mailbox_message',
  'support_ticket',
  'public_support_request',
  'outbox_message',
  'case_file',
  'intervention',
  ...CONTENT_RECORDS,
  'catalogue_entry',
  'caseload_cover',
  'caseload_transfer',
  'help_request',
  'help_request_submission',
  'attachment',
  'appointment',
  'time_reservation',
  'public_holiday',
  'calendar_feed',
  'coordinator_request',
] as const;

export type Outcome = AuditEntry['outcome'];
export const OUTCOMES: readonly Outcome[] = auditEntrySchema.shape.outcome.options;

type KnownAction = (typeof KNOWN_ACTIONS)[number];
type KnownRecordType = (typeof KNOWN_RECORD_TYPES)[number];

function isKnownAction(code: string): code is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(code);
}

function isKnownRecordType(code: string): code is KnownRecordType {
  return (KNOWN_RECORD_TYPES as readonly string[]).includes(code);
}

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** Names of actions, outcomes and record types in the console's language (codes as fallback). */
export function useAuditVocabulary() {
  const { t } = useTranslation();
  return {
    action: (code: string) => (isKnownAction(code) ? t(`audit.actions.${code}`) : code),
    outcome: (outcome: string) => (isOutcome(outcome) ? t(`audit.outcomes.${outcome}`) : outcome),
    recordType: (code: string) => (isKnownRecordType(code) ? t(`audit.recordTypes.${code}`) : code),
  };
}
