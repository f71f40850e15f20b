import { useEffect, useId, useRef } from 'react';
import { LEAVES_FORM } from '@/lib/use-form-draft';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicateCheckResult } from '@caliu/common';
import { fullName } from '@/lib/person-names';
import { PersonFacts } from '@/components/person-facts';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../persons.module.css';
import { buttonClass } from '@/components/ui/button';

export type DuplicateCandidate = DuplicateCheckResult['items'][number];

type DuplicateWarningProps = {
  candidates: readonly DuplicateCandidate[];
  /** Whether the user may still save (not after the server refused the same document). */
  onSaveAnyway?: () => void;
  pending?: boolean;
  creating: boolean;
  /**
   * Bumped to move the focus to the warning (after pressing save); 0 when it showed while the
   * user typed, where it is announced, not focused.
   */
  focusRequest: number;
};

/**
 * The persons already recorded who look like the one being saved, and why; the professional
 * opens one of them instead, or says that this is a different person and saves.
 */
export function DuplicateWarning({
  candidates,
  onSaveAnyway,
  pending = false,
  creating,
  focusRequest,
}: DuplicateWarningProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusRequest > 0) headingRef.current?.focus();
  }, [focusRequest]);
  return (
    <section className={styles.duplicateWarning} aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.duplicateWarningTitle}>
        {t('persons.duplicates.title')}
      </h2>
      <p>{creating ? t('persons.duplicates.leadCreate') : t('persons.duplicates.leadEdit')}</p>
      <ul className={styles.duplicateWarningList}>
        {candidates.map((candidate) => {
          const name = fullName(candidate);
          return (
            <li key={candidate.id} className={styles.duplicateWarningItem}>
              <div>
                <p className={styles.duplicateWarningName}>{name}</p>
                <PersonFacts person={candidate} />
                <p className={styles.duplicateWarningReasons}>
                  {candidate.reasons
                    .map((reason) => t(`persons.duplicates.reasons.${reason}`))
                    .join(' · ')}
                </p>
              </div>
              <Link
                to={`/persons/${candidate.id}`}
                // Opening the existing record is the answer to the form: what was typed goes.
                state={LEAVES_FORM}
                className={buttonClass({ variant: 'secondary', small: true })}
                aria-label={t('persons.duplicates.openNamed', { name })}
              >
                {t('persons.duplicates.open')}
              </Link>
            </li>
          );
        })}
      </ul>
      {onSaveAnyway && (
        <div className={fieldCss.formActions}>
          <button type="button" className={buttonClass()} onClick={onSaveAnyway} disabled={pending}>
            {pending ? t('forms.saving') : t('persons.duplicates.saveAnyway')}
          </button>
        </div>
      )}
    </section>
  );
}
