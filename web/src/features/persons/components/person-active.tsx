import { useId } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PersonActive as Active, PersonView } from '@caliu/common';
import { cx } from '@/lib/cx';
import { useCalendarDateFormat } from '../dates';
import styles from '../persons.module.css';

type Resource = Active['resources'][number];

/**
 * "What is active for this person" at a glance, for who reads the content of their case files:
 * open case files (number, referent), active problems, granted resources (amount and unit), the
 * next plan review. It comes with the person's page (one read, one audit entry); without an open
 * case file whose content the user reads, there is no panel.
 */
export function PersonActivePanel({ person }: { person: PersonView }) {
  const { t } = useTranslation();
  const headingId = useId();
  // Null for who reads no content; empty lists hide nothing when she has no open case file.
  const active = person.active;
  if (!active || active.caseFiles.length === 0) return null;
  return (
    <section
      className={cx(styles.personSection, 'card', 'person-active')}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="section-title">
        {t('persons.active.title')}
      </h2>
      <ActiveLists active={active} />
    </section>
  );
}

function ActiveLists({ active }: { active: Active }) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const formatAmount = useAmountFormat();
  const caseFileLink = (id: string, number: string) => (
    <Link to={`/case-files/${encodeURIComponent(id)}`}>
      {t('persons.active.caseFile', { number })}
    </Link>
  );
  return (
    <dl className={styles.personActiveList}>
      <Group title={t('persons.active.caseFiles')} count={active.caseFiles.length}>
        {active.caseFiles.map((file) => (
          <li key={file.id} className={styles.personActiveItem}>
            <Link to={`/case-files/${encodeURIComponent(file.id)}`} className={styles.fact}>
              {file.number}
            </Link>
            <span className={styles.fact}>{t(`caseFiles.scopes.${file.scope}`)}</span>
            <span className={styles.fact}>
              {file.referent
                ? t('persons.active.referent', { name: file.referent.name })
                : t('persons.active.noReferent')}
            </span>
          </li>
        ))}
      </Group>
      <Group title={t('persons.active.problems')} count={active.problems.length}>
        {active.problems.map((problem) => (
          <li key={problem.id} className={styles.personActiveItem}>
            <strong className={styles.fact}>{problem.type.name}</strong>
            <span className={styles.fact}>
              {t('persons.active.since', { date: formatDate(problem.startedOn) })}
            </span>
            <span className={styles.fact}>
              {caseFileLink(problem.caseFileId, problem.caseFileNumber)}
            </span>
          </li>
        ))}
      </Group>
      <Group title={t('persons.active.resources')} count={active.resources.length}>
        {active.resources.map((resource) => (
          <li key={resource.id} className={styles.personActiveItem}>
            <strong className={styles.fact}>{resource.type.name}</strong>
            {resource.amount !== null && resource.unit !== null && (
              <span className={styles.fact}>{formatAmount(resource.amount, resource.unit)}</span>
            )}
            {resource.startsOn && (
              <span className={styles.fact}>
                {t('persons.active.since', { date: formatDate(resource.startsOn) })}
              </span>
            )}
            {resource.endsOn && (
              <span className={styles.fact}>
                {t('persons.active.until', { date: formatDate(resource.endsOn) })}
              </span>
            )}
            <span className={styles.fact}>
              {caseFileLink(resource.caseFileId, resource.caseFileNumber)}
            </span>
          </li>
        ))}
      </Group>
      <Group title={t('persons.active.nextReview')} count={active.nextReview ? 1 : 0}>
        {active.nextReview && (
          <li className={styles.personActiveItem}>
            <time
              dateTime={active.nextReview.dueOn}
              className={cx(styles.fact, styles.personActiveDate)}
            >
              {formatDate(active.nextReview.dueOn)}
            </time>
            <span className={styles.fact}>
              {caseFileLink(active.nextReview.caseFileId, active.nextReview.caseFileNumber)}
            </span>
          </li>
        )}
      </Group>
    </dl>
  );
}

/** One kind of what is active: its items, or "None." */
function Group({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={styles.personActiveGroup}>
      <dt>{title}</dt>
      <dd>
        {count === 0 ? (
          <span className="muted">{t('persons.active.none')}</span>
        ) : (
          <ul className={styles.personActiveItems}>{children}</ul>
        )}
      </dd>
    </div>
  );
}

/** An amount in its unit: euros as currency, hours a week as such. */
function useAmountFormat(): (amount: number, unit: NonNullable<Resource['unit']>) => string {
  const { t, i18n } = useTranslation();
  const euros = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR' });
  const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (amount, unit) =>
    unit === 'euros'
      ? euros.format(amount)
      : t('persons.active.hoursPerWeek', { hours: hours.format(amount) });
}
