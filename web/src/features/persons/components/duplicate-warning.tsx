import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicateCheckResult } from '@caliu/common';
import { fullName } from '../names';
import { PersonFacts } from './person-facts-line';

export type DuplicateCandidate = DuplicateCheckResult['items'][number];

type DuplicateWarningProps = {
  candidates: readonly DuplicateCandidate[];
  /** Whether the user may still save (not after the server refused the same document). */
  onSaveAnyway?: () => void;
  pending?: boolean;
  creating: boolean;
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
}: DuplicateWarningProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="duplicate-warning" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="duplicate-warning__title">
        {t('persons.duplicates.title')}
      </h2>
      <p>{creating ? t('persons.duplicates.leadCreate') : t('persons.duplicates.leadEdit')}</p>
      <ul className="duplicate-warning__list">
        {candidates.map((candidate) => {
          const name = fullName(candidate);
          return (
            <li key={candidate.id} className="duplicate-warning__item">
              <div className="duplicate-warning__who">
                <p className="duplicate-warning__name">{name}</p>
                <PersonFacts person={candidate} />
                <p className="duplicate-warning__reasons">
                  {candidate.reasons
                    .map((reason) => t(`persons.duplicates.reasons.${reason}`))
                    .join(' · ')}
                </p>
              </div>
              <Link
                to={`/persons/${candidate.id}`}
                className="button button--secondary button--small"
                aria-label={t('persons.duplicates.openNamed', { name })}
              >
                {t('persons.duplicates.open')}
              </Link>
            </li>
          );
        })}
      </ul>
      {onSaveAnyway && (
        <div className="form__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={onSaveAnyway}
            disabled={pending}
          >
            {pending ? t('forms.saving') : t('persons.duplicates.saveAnyway')}
          </button>
        </div>
      )}
    </section>
  );
}
