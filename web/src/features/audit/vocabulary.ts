import { useTranslation } from 'react-i18next';
import { auditEntrySchema } from '@caliu/common';
import type { AuditEntry } from '@caliu/common';

/**
 * The audit actions the console names in words (and offers in the action filter). The server
 * writes more as modules arrive; an action missing here is shown by its code.
 */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'access.denied',
  'access.not_found',
  'audit.search',
  'audit.export',
  'entity.create',
  'professional.create',
  'support.cross_entity_read',
  'person.search',
  'person.duplicate_check',
  'person.read_basic',
  'person.read_full',
  'person.create',
  'person.update',
  'person.deceased',
  'person.delete',
  'person.lookup',
  'person.access_report',
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
