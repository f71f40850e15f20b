import type { Outcome } from '../vocabulary';
import styles from '../audit.module.css';

/** Each outcome's colour in the log and the access report. */
export const OUTCOME_CLASSES: Record<Outcome, string | undefined> = {
  ok: styles.auditOutcomeOk,
  denied: styles.auditOutcomeDenied,
  failed: styles.auditOutcomeFailed,
};
