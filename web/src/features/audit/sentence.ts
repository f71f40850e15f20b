import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@caliu/common';
import { FILTER_NAMES, isFilterName } from './filters';

/** The field names an entry's details may list, each with its words in the locale files. */
const FIELD_NAMES = [
  'name',
  'code',
  'emailDomains',
  'timeZone',
  'defaultLanguage',
  'requiresSecondFactor',
  'ineCode',
  'municipalityIds',
  'sectorIds',
  'active',
  'givenName',
  'surnames',
  'firstSurname',
  'secondSurname',
  'sex',
  'birthDate',
  'nationality',
  'documentType',
  'documentNumber',
  'email',
  'mobilePhone',
  'otherPhone',
  'preferredLanguage',
  'consentSms',
  'consentEmail',
  'address',
  'postalCode',
  'municipalityId',
  'sectorId',
  'housingType',
  'housingTenure',
  'referentId',
  'teamId',
  'roles',
  'teams',
  'costCategory',
  'language',
  'assignedIds',
] as const;
type FieldName = (typeof FIELD_NAMES)[number];

const REASONS = ['bad_password', 'unknown_username', 'bad_second_factor', 'throttled'] as const;
type Reason = (typeof REASONS)[number];

function isFieldName(value: string): value is FieldName {
  return (FIELD_NAMES as readonly string[]).includes(value);
}

function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && (REASONS as readonly string[]).includes(value);
}

function stringsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function numberIn(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * How an entry names its record: by name when the server gave one (the viewer may see it), by
 * the name a deleted place had, or else by an opaque reference (the identifier's first characters).
 */
export function recordLabel(entry: AuditEntry): string {
  if (entry.recordName) return entry.recordName;
  const formerName = entry.details.name;
  if (entry.recordType !== 'person' && typeof formerName === 'string' && formerName) {
    return formerName;
  }
  // A symbol and digits, the same in every language.
  const id = entry.recordId ?? '';
  return `#${id.length > 13 ? id.slice(0, 8) : id}`;
}

/** An entry of the audit log as a sentence, in the language `t` speaks (`language`). */
export function describeEntry(entry: AuditEntry, t: TFunction, language: string): string {
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  const fields = (names: string[]) => {
    const known = names.filter(isFieldName).map((name) => t(`audit.fields.${name}`));
    const others = names.length - known.length;
    return list.format(others ? [...known, t('audit.fields.other', { count: others })] : known);
  };
  return sentence(entry, { t, fields, list });
}

/** Writes entries of the audit log as sentences in the console's language. */
export function useEntrySentence(): (entry: AuditEntry) => string {
  const { t, i18n } = useTranslation();
  return (entry) => describeEntry(entry, t, i18n.language);
}

type Helpers = {
  t: TFunction;
  fields: (names: string[]) => string;
  list: Intl.ListFormat;
};

function sentence(entry: AuditEntry, { t, fields, list }: Helpers): string {
  const d = entry.details;
  const record = recordLabel(entry);
  const reason = isReason(d.reason)
    ? t(`audit.sentences.reasons.${d.reason}`)
    : t('audit.sentences.reasons.other');
  switch (entry.action) {
    case 'auth.login':
      return entry.outcome === 'ok'
        ? t('audit.sentences.auth.login')
        : t('audit.sentences.auth.loginRefused', { reason });
    case 'auth.login_challenge':
      return t('audit.sentences.auth.loginChallenge');
    case 'auth.logout':
      return t('audit.sentences.auth.logout');
    case 'auth.activate':
      return t('audit.sentences.auth.activate');
    case 'auth.password_reset_request':
      return t('audit.sentences.auth.passwordResetRequest');
    case 'auth.password_reset':
      return t('audit.sentences.auth.passwordReset');
    case 'auth.password_change': {
      if (entry.outcome !== 'ok')
        return t('audit.sentences.auth.passwordChangeRefused', { reason });
      const ended = numberIn(d.otherSessionsEnded);
      return ended
        ? t('audit.sentences.auth.passwordChangeSessions', { count: ended })
        : t('audit.sentences.auth.passwordChange');
    }
    case 'auth.second_factor_enrolment_start':
      return t('audit.sentences.auth.secondFactorEnrolmentStart');
    case 'auth.second_factor_enrol':
      return t('audit.sentences.auth.secondFactorEnrol');
    case 'auth.second_factor_remove':
      return t('audit.sentences.auth.secondFactorRemove');
    case 'access.denied':
      return t('audit.sentences.access.denied');
    case 'access.not_found':
      return t('audit.sentences.access.notFound');
    case 'audit.search': {
      const used = stringsIn(d.filters).filter(isFilterName);
      if (!used.length) return t('audit.sentences.audit.search');
      const names = FILTER_NAMES.filter((name) => used.includes(name)).map((name) =>
        name === 'actorId' ? t('audit.filters.professional') : t(`audit.filters.${name}`),
      );
      return t('audit.sentences.audit.searchFiltered', {
        filters: list.format(names.map((name) => name.toLocaleLowerCase())),
      });
    }
    case 'audit.export':
      return t('audit.sentences.audit.export');
    case 'entity.create':
      return t('audit.sentences.entity.create', { record });
    case 'entity.update':
      return t('audit.sentences.entity.update', { record, fields: fields(keysOf(d.changed)) });
    case 'municipality.create':
      return t('audit.sentences.municipality.create', { record });
    case 'municipality.update':
      return t('audit.sentences.municipality.update', { record, fields: fields(keysOf(d.after)) });
    case 'municipality.delete':
      return t('audit.sentences.municipality.delete', { record });
    case 'sector.create':
      return t('audit.sentences.sector.create', { record });
    case 'sector.update':
      return t('audit.sentences.sector.update', { record, fields: fields(keysOf(d.after)) });
    case 'sector.delete':
      return t('audit.sentences.sector.delete', { record });
    case 'team.create':
      return t('audit.sentences.team.create', { record });
    case 'team.update':
      return t('audit.sentences.team.update', { record, fields: fields(keysOf(d.after)) });
    case 'team.members_update': {
      const added = stringsIn(d.added).length;
      const removed = stringsIn(d.removed).length;
      const changes = [
        ...(added ? [t('audit.sentences.team.added', { count: added })] : []),
        ...(removed ? [t('audit.sentences.team.removed', { count: removed })] : []),
      ];
      return changes.length
        ? t('audit.sentences.team.membersUpdateCounted', { record, changes: changes.join(', ') })
        : t('audit.sentences.team.membersUpdate', { record });
    }
    default:
      return sentenceOfRecords(entry, record, { t, fields, list });
  }
}

/** What a case file's header change names (`details.changed`) → the words of its field. */
const HEADER_FIELDS: Partial<Record<string, FieldName>> = {
  municipality: 'municipalityId',
  referent: 'referentId',
  team: 'teamId',
  assigned: 'assignedIds',
};

/**
 * The sentences of the actions on case files and their interventions. Their records are named by
 * an opaque reference (DESIGN.md: the audit log never shows a SIAD case file's details).
 */
function sentenceOfCaseFiles(entry: AuditEntry, record: string, helpers: Helpers): string {
  const { t, fields } = helpers;
  switch (entry.action) {
    case 'case_file.create':
      return t('audit.sentences.caseFile.create', { record });
    case 'case_file.read':
      return t('audit.sentences.caseFile.read', { record });
    case 'case_file.read_content':
      if (entry.recordType === 'intervention') {
        return t('audit.sentences.caseFile.readIntervention', { record });
      }
      return entry.recordType === 'case_file'
        ? t('audit.sentences.caseFile.readContent', { record })
        : t('audit.sentences.caseFile.readEntry', { record });
    case 'case_file.delete':
      return t('audit.sentences.caseFile.delete', { record });
    case 'case_file.transfer':
      // A coordinator's approved caseload transfer names it; a support ticket's does not.
      return typeof entry.details.transferId === 'string'
        ? t('audit.sentences.caseFile.transferApproved', { record })
        : t('audit.sentences.caseFile.transfer', { record });
    case 'case_file.merge': {
      const { merged, into } = entry.details;
      return typeof merged === 'string' && typeof into === 'string'
        ? t('audit.sentences.caseFile.merge', { merged, into })
        : t('audit.sentences.caseFile.mergeUnnamed', { record });
    }
    case 'case_file.update': {
      const changed = stringsIn(entry.details.changed).map((name) => HEADER_FIELDS[name] ?? name);
      return changed.length
        ? t('audit.sentences.caseFile.update', { record, fields: fields(changed) })
        : t('audit.sentences.caseFile.updateNothing', { record });
    }
    case 'case_file.close':
      return t('audit.sentences.caseFile.close', { record });
    case 'case_file.reopen':
      return t('audit.sentences.caseFile.reopen', { record });
    case 'case_file.member_add':
      return t('audit.sentences.caseFile.memberAdd', { record });
    case 'case_file.member_role':
      return t('audit.sentences.caseFile.memberRole', { record });
    case 'case_file.member_remove':
      return t('audit.sentences.caseFile.memberRemove', { record });
    case 'intervention.create':
      return t('audit.sentences.intervention.create', { record });
    case 'intervention.update':
      return t('audit.sentences.intervention.update', { record });
    case 'demand.create':
      return t('audit.sentences.demand.create', { record });
    case 'demand.update':
      return t('audit.sentences.demand.update', { record });
    case 'problem.create':
      return t('audit.sentences.problem.create', { record });
    case 'problem.update':
      return t('audit.sentences.problem.update', { record });
    case 'resource.create':
      return t('audit.sentences.resource.create', { record });
    case 'resource.update':
      return t('audit.sentences.resource.update', { record });
    case 'procedure.create':
      return t('audit.sentences.procedure.create', { record });
    case 'procedure.update':
      return t('audit.sentences.procedure.update', { record });
    case 'plan.create':
      return t('audit.sentences.plan.create', { record });
    case 'plan.update':
      return t('audit.sentences.plan.update', { record });
    case 'intervention.transfer':
    case 'demand.transfer':
    case 'problem.transfer':
    case 'resource.transfer':
    case 'procedure.transfer':
      return t(`audit.sentences.${entry.action}`, { record });
    case 'intervention.delete':
    case 'demand.delete':
    case 'problem.delete':
    case 'resource.delete':
    case 'procedure.delete':
      return t(`audit.sentences.${entry.action}`, { record });
    default:
      return t('audit.sentences.unknown', { action: entry.action });
  }
}

/** The sentences of the agenda's actions (issue 18), or null for another action. */
function sentenceOfAgenda(entry: AuditEntry, record: string, helpers: Helpers): string | null {
  const { t } = helpers;
  const d = entry.details;
  switch (entry.action) {
    case 'agenda.read':
      return t('audit.sentences.agenda.read', {
        from: typeof d.from === 'string' ? d.from : '',
        count: numberIn(d.days) ?? 1,
      });
    case 'agenda.person_read':
      return t('audit.sentences.agenda.personRead', { record });
    case 'appointment.create':
    case 'appointment.read':
    case 'appointment.update':
    case 'appointment.cancel':
      return t(`audit.sentences.${entry.action}`, { record });
    case 'appointments.move':
      return t('audit.sentences.appointments.move', {
        record,
        count: numberIn(d.moved) ?? 0,
        found: numberIn(d.found) ?? 0,
      });
    case 'time_reservation.create':
      return t('audit.sentences.time_reservation.create', {
        count: numberIn(d.professionals) ?? 1,
      });
    case 'time_reservation.delete':
      return t('audit.sentences.time_reservation.delete');
    case 'working_hours.update':
      return t('audit.sentences.working_hours.update', { record });
    case 'public_holiday.create':
      return t('audit.sentences.public_holiday.create', {
        date: typeof d.date === 'string' ? d.date : '',
      });
    case 'public_holiday.delete':
      return t('audit.sentences.public_holiday.delete');
    case 'person.siad_reminders':
      return d.allowed === true
        ? t('audit.sentences.person.siadRemindersOn', { record })
        : t('audit.sentences.person.siadRemindersOff', { record });
    case 'calendar_feed.create':
      return d.includeNames === true
        ? t('audit.sentences.calendar_feed.createWithNames')
        : t('audit.sentences.calendar_feed.create');
    case 'calendar_feed.read':
      return t('audit.sentences.calendar_feed.read', { count: numberIn(d.appointments) ?? 0 });
    case 'calendar_feed.revoke':
      return t('audit.sentences.calendar_feed.revoke');
    case 'coordinator_request.create':
      return t('audit.sentences.coordinator_request.create', { record });
    case 'coordinator_request.read':
      return entry.recordId
        ? t('audit.sentences.coordinator_request.readOne', { record })
        : t('audit.sentences.coordinator_request.read');
    case 'coordinator_request.close':
      return d.outcome === 'declined'
        ? t('audit.sentences.coordinator_request.closeDeclined', { record })
        : t('audit.sentences.coordinator_request.closeDone', { record });
    case 'support.diagnose_content':
      return t('audit.sentences.support.diagnoseContent', { record });
    default:
      return null;
  }
}

/** The sentences of the actions on professionals, persons and messages. */
function sentenceOfRecords(entry: AuditEntry, record: string, helpers: Helpers): string {
  const { t, fields } = helpers;
  const d = entry.details;
  switch (entry.action) {
    case 'professional.create':
      return d.activationBy === 'sms'
        ? t('audit.sentences.professional.createBySms', { record })
        : t('audit.sentences.professional.create', { record });
    case 'professional.update':
      return t('audit.sentences.professional.update', {
        record,
        fields: fields(stringsIn(d.fields)),
      });
    case 'professional.deactivate': {
      const ended = numberIn(d.sessionsEnded);
      return ended
        ? t('audit.sentences.professional.deactivateSessions', { record, count: ended })
        : t('audit.sentences.professional.deactivate', { record });
    }
    case 'professional.reactivate':
      return t('audit.sentences.professional.reactivate', { record });
    case 'professional.activation_send':
      if (entry.outcome !== 'ok' || d.smsFailed === true) {
        return t('audit.sentences.professional.activationSmsFailed', { record });
      }
      return d.channel === 'sms'
        ? t('audit.sentences.professional.activationBySms', { record })
        : t('audit.sentences.professional.activationByEmail', { record });
    case 'mailbox.read':
      return t('audit.sentences.mailbox.read', { record });
    case 'outbox.retry':
      return t('audit.sentences.outbox.retry', { record });
    case 'support.cross_entity_read':
      return t('audit.sentences.support.crossEntityRead', { record });
    case 'support.public_request':
      return t('audit.sentences.support.publicRequest');
    case 'support.public_request_confirm':
      return t('audit.sentences.support.publicRequestConfirm', { record });
    case 'support.ticket_open':
      return t('audit.sentences.support.ticketOpen', { record });
    case 'support.ticket_answer':
      return t('audit.sentences.support.ticketAnswer', { record });
    case 'support.ticket_read':
      return t('audit.sentences.support.ticketRead', { record });
    case 'support.ticket_comment':
      return t('audit.sentences.support.ticketComment', { record });
    case 'support.ticket_status':
      return t('audit.sentences.support.ticketStatus', { record });
    case 'support.ticket_assign':
      return t('audit.sentences.support.ticketAssign', { record });
    case 'support.operation_preview':
      return t('audit.sentences.support.operationPreview', { record });
    case 'support.operation_run':
      return t('audit.sentences.support.operationRun', { record });
    case 'person.search':
      if (d.kind === 'name') return t('audit.sentences.person.searchByName');
      if (d.kind === 'document') return t('audit.sentences.person.searchByDocument');
      return t('audit.sentences.person.search');
    case 'person.duplicate_check':
      return t('audit.sentences.person.duplicateCheck', { count: numberIn(d.results) ?? 0 });
    case 'person.duplicates_list':
      return t('audit.sentences.person.duplicatesList', { count: numberIn(d.pairs) ?? 0 });
    case 'person.duplicate_dismiss':
      return t('audit.sentences.person.duplicateDismiss', { record });
    case 'person.duplicate_dismiss_undo':
      return t('audit.sentences.person.duplicateDismissUndo', { record });
    case 'person.read_basic':
      return t('audit.sentences.person.readBasic', { record });
    case 'person.read_full':
      return t('audit.sentences.person.readFull', { record });
    case 'person.create':
      return t('audit.sentences.person.create', { record });
    case 'person.update':
      return t('audit.sentences.person.update', { record, fields: fields(stringsIn(d.fields)) });
    case 'person.deceased':
      return t('audit.sentences.person.deceased', { record });
    case 'person.reactivate':
      return t('audit.sentences.person.reactivate', { record });
    case 'home.alert_list':
      return t('audit.sentences.home.alertList', { count: numberIn(d.shown) ?? 0 });
    case 'home.alert_preference':
      return d.enabled === false
        ? t('audit.sentences.home.alertOff')
        : t('audit.sentences.home.alertOn');
    case 'home.recent_case_files':
      return t('audit.sentences.home.recentCaseFiles');
    case 'caseload_cover.create':
      return t('audit.sentences.caseloadCover.create', { record });
    case 'caseload_cover.end':
      return t('audit.sentences.caseloadCover.end', { record });
    case 'caseload.notices_read':
      return t('audit.sentences.caseload.noticesRead', { count: numberIn(d.shown) ?? 0 });
    case 'caseload_transfer.request':
      return t('audit.sentences.caseloadTransfer.request', { record });
    case 'caseload_transfer.approve':
      return t('audit.sentences.caseloadTransfer.approve', { record });
    case 'caseload_transfer.cancel':
      return t('audit.sentences.caseloadTransfer.cancel', { record });
    case 'help_request.import':
      return t('audit.sentences.helpRequest.import', { record });
    case 'help_request.read':
      return t('audit.sentences.helpRequest.read', { record });
    case 'help_request.update':
      return t('audit.sentences.helpRequest.update', { record });
    case 'help_request.link_person':
      return t('audit.sentences.helpRequest.linkPerson', { record });
    case 'help_request.unlink_person':
      return t('audit.sentences.helpRequest.unlinkPerson', { record });
    case 'help_request.delete':
      return t('audit.sentences.helpRequest.delete', { record });
    case 'help_request.erase':
      return t('audit.sentences.helpRequest.erase', { record });
    case 'help_request.enter':
      return t('audit.sentences.helpRequest.enter');
    case 'catalogue_entry.create':
    case 'catalogue_entry.update':
    case 'catalogue_entry.retire':
    case 'catalogue_entry.reinstate':
    case 'catalogue_entry.delete':
      return t(`audit.sentences.${entry.action}`, { record });
    case 'person.transfer':
      return typeof d.transferId === 'string'
        ? t('audit.sentences.person.transferApproved', { record })
        : t('audit.sentences.person.transfer', { record });
    case 'person.merge':
      return t('audit.sentences.person.merge', { record });
    case 'person.delete':
      return t('audit.sentences.person.delete', { record });
    case 'person.lookup': {
      const by =
        d.by === 'document'
          ? t('audit.sentences.person.lookupBy.document')
          : t('audit.sentences.person.lookupBy.name');
      return entry.recordId
        ? t('audit.sentences.person.lookupFound', { by, record })
        : t('audit.sentences.person.lookupNone', { by });
    }
    case 'person.access_report':
      return t('audit.sentences.person.accessReport', { record });
    case 'attachment.create':
      return t('audit.sentences.attachment.create', { record });
    case 'attachment.list':
      return t('audit.sentences.attachment.list', { count: numberIn(d.count) ?? 0 });
    case 'attachment.download':
      return t('audit.sentences.attachment.download', { record });
    case 'attachment.delete':
      if (d.reason === 'item_deleted')
        return t('audit.sentences.attachment.deleteWithItem', { record });
      if (d.reason === 'person_deleted') {
        return t('audit.sentences.attachment.deleteWithPerson', { record });
      }
      return t('audit.sentences.attachment.delete', { record });
    default:
      return (
        sentenceOfAgenda(entry, record, helpers) ?? sentenceOfCaseFiles(entry, record, helpers)
      );
  }
}
