import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessReport as Report } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDateTimeFormat } from '@/lib/format';
import { useAuditVocabulary } from '../vocabulary';
import { cx } from '@/lib/cx';
import styles from '../audit.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { OUTCOME_CLASSES } from './outcome';
import { alertClass } from '@/components/ui/alert';
import { emptyStateClass } from '@/components/ui/query-state';

type Actor = Report['entries'][number]['actor'];

/** A calendar date (YYYY-MM-DD) in the console's language. */
function useBirthDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
  return (date: string) => format.format(new Date(`${date}T00:00:00Z`));
}

/**
 * The data-subject access report as a document that prints well: whom it is about, when it was
 * produced, and every consultation or change of the person's data, newest first.
 */
export function AccessReport({ report }: { report: Report }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const formatDateTime = useDateTimeFormat();
  const formatDate = useBirthDate();
  const vocabulary = useAuditVocabulary();
  const titleId = useId();
  const captionId = useId();
  const person = report.person;
  const name = [person.givenName, person.firstSurname, person.secondSurname]
    .filter(Boolean)
    .join(' ');
  const actorName = (actor: Actor) =>
    !actor
      ? t('audit.table.noActor')
      : (actor.name ??
        (actor.fromSupport ? t('audit.table.supportAgent') : t('audit.table.unnamedActor')));

  return (
    <article className="card access-report" aria-labelledby={titleId}>
      <header className={styles.accessReportHeader}>
        <p className={styles.accessReportEntity}>{me.entity.name}</p>
        <h2 id={titleId} className={styles.accessReportTitle}>
          {t('audit.personReport.report.title')}
        </h2>
        <p className={styles.accessReportBasis}>{t('audit.personReport.report.basis')}</p>
      </header>
      <dl className={styles.accessReportFacts}>
        <div>
          <dt>{t('audit.personReport.report.person')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('audit.personReport.report.birthDate')}</dt>
          <dd>{person.birthDate ? formatDate(person.birthDate) : '—'}</dd>
        </div>
        <div>
          <dt>{t('audit.personReport.report.document')}</dt>
          <dd>{person.documentNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('audit.personReport.report.generatedAt')}</dt>
          <dd>
            <time dateTime={report.generatedAt}>{formatDateTime(report.generatedAt)}</time>
          </dd>
        </div>
      </dl>
      <p>{t('audit.personReport.report.lead', { timeZone: me.entity.timeZone })}</p>
      {report.truncated && (
        <p className={alertClass('warning')}>{t('audit.personReport.report.truncated')}</p>
      )}
      {report.entries.length === 0 ? (
        <p className={emptyStateClass}>{t('audit.personReport.report.empty')}</p>
      ) : (
        <TableScroll labelledBy={captionId}>
          <table className={tableCss.dataTable}>
            <caption id={captionId} className="visually-hidden">
              {t('audit.personReport.report.caption', { name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.table.time')}</th>
                <th scope="col">{t('audit.table.actor')}</th>
                <th scope="col">{t('audit.table.action')}</th>
                <th scope="col">{t('audit.table.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {report.entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td className={styles.auditTableTime}>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>
                    <span className={styles.accessReportActor}>{actorName(entry.actor)}</span>
                    {entry.actor?.username && (
                      <span className={styles.auditTableDetails}>{entry.actor.username}</span>
                    )}
                    {entry.actor?.fromSupport && entry.actor.name && (
                      <span className={styles.auditTableDetails}>
                        {t('audit.table.supportAgent')}
                      </span>
                    )}
                  </td>
                  <td>{vocabulary.action(entry.action)}</td>
                  <td>
                    <span className={cx(styles.auditOutcome, OUTCOME_CLASSES[entry.outcome])}>
                      {vocabulary.outcome(entry.outcome)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className={styles.accessReportCount}>
        {t('audit.personReport.report.count', { count: report.entries.length })}
      </p>
    </article>
  );
}
