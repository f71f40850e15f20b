import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessReport as Report } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDateTimeFormat } from '@/lib/format';
import { useAuditVocabulary } from '../vocabulary';

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
      <header className="access-report__header">
        <p className="access-report__entity">{me.entity.name}</p>
        <h2 id={titleId} className="access-report__title">
          {t('audit.personReport.report.title')}
        </h2>
        <p className="access-report__basis">{t('audit.personReport.report.basis')}</p>
      </header>
      <dl className="access-report__facts">
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
        <p className="alert alert--warning">{t('audit.personReport.report.truncated')}</p>
      )}
      {report.entries.length === 0 ? (
        <p className="empty-state">{t('audit.personReport.report.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table access-report__table">
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
                  <td className="audit-table__time">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>
                    <span className="access-report__actor">{actorName(entry.actor)}</span>
                    {entry.actor?.username && (
                      <span className="audit-table__details">{entry.actor.username}</span>
                    )}
                    {entry.actor?.fromSupport && entry.actor.name && (
                      <span className="audit-table__details">{t('audit.table.supportAgent')}</span>
                    )}
                  </td>
                  <td>{vocabulary.action(entry.action)}</td>
                  <td>
                    <span className={`audit-outcome audit-outcome--${entry.outcome}`}>
                      {vocabulary.outcome(entry.outcome)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="access-report__count">
        {t('audit.personReport.report.count', { count: report.entries.length })}
      </p>
    </article>
  );
}
