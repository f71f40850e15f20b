import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { useAuditVocabulary } from '../vocabulary';
import { cx } from '@/lib/cx';
import styles from '../audit.module.css';
import tableCss from '@/components/ui/data-table.module.css';
import { OUTCOME_CLASSES } from './outcome';
import { linkButtonClass } from '@/components/ui/button';

type AuditTableProps = {
  entries: AuditEntry[];
  onFilterActor: (actorId: string) => void;
  onFilterRecord: (recordType: string, recordId: string) => void;
};

function detailText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) {
    return value.join(', ');
  }
  return JSON.stringify(value);
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The details of an entry in one line ("permission: audit.view · method: GET"). */
function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .filter(([, value]) => !isEmpty(value))
    .map(([key, value]) => `${key}: ${detailText(value)}`)
    .join(' · ');
}

/** Audit entries as a table; names and records are buttons that narrow the search to them. */
export function AuditTable({ entries, onFilterActor, onFilterRecord }: AuditTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const formatDateTime = useDateTimeFormat();
  const vocabulary = useAuditVocabulary();

  return (
    // Wide tables scroll sideways on narrow screens; the region can take the focus to do so.
    <div className={tableCss.tableScroll} role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={cx(tableCss.dataTable, 'audit-table')}>
        <caption id={captionId} className="visually-hidden">
          {t('audit.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.table.time')}</th>
            <th scope="col">{t('audit.table.actor')}</th>
            <th scope="col">{t('audit.table.action')}</th>
            <th scope="col">{t('audit.table.outcome')}</th>
            <th scope="col">{t('audit.table.record')}</th>
            <th scope="col">{t('audit.table.request')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const details = detailsText(entry.details);
            return (
              <tr key={entry.id}>
                <td className={styles.auditTableTime}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td className={styles.auditTableWho}>
                  <ActorCell actor={entry.actor} onFilter={onFilterActor} />
                </td>
                <td>
                  <span className="audit-table__action">{vocabulary.action(entry.action)}</span>
                  {details && <span className={styles.auditTableDetails}>{details}</span>}
                </td>
                <td>
                  <span className={cx(styles.auditOutcome, OUTCOME_CLASSES[entry.outcome])}>
                    {vocabulary.outcome(entry.outcome)}
                  </span>
                </td>
                <td>
                  {entry.recordType && entry.recordId ? (
                    <>
                      <span className={styles.auditTableRecordType}>
                        {vocabulary.recordType(entry.recordType)}
                      </span>
                      <button
                        type="button"
                        className={cx(linkButtonClass, styles.auditTableCode)}
                        title={t('audit.table.filterByRecord')}
                        onClick={() => onFilterRecord(entry.recordType ?? '', entry.recordId ?? '')}
                      >
                        <ShortId value={entry.recordId} />
                      </button>
                    </>
                  ) : (
                    <Nothing />
                  )}
                </td>
                <td>
                  {entry.requestId ? (
                    <code className={styles.auditTableCode} title={entry.requestId}>
                      <ShortId value={entry.requestId} />
                    </code>
                  ) : (
                    <Nothing />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ActorCell({
  actor,
  onFilter,
}: {
  actor: AuditEntry['actor'];
  onFilter: (actorId: string) => void;
}) {
  const { t } = useTranslation();
  if (!actor) return <span className="muted">{t('audit.table.noActor')}</span>;
  const name =
    actor.name ??
    (actor.fromSupport ? t('audit.table.supportAgent') : t('audit.table.unnamedActor'));
  return (
    <>
      <button
        type="button"
        className={cx(linkButtonClass, 'audit-table__actor')}
        title={t('audit.table.filterByActor', { name })}
        onClick={() => onFilter(actor.id)}
      >
        {name}
      </button>
      {actor.fromSupport && actor.name && (
        <span className={styles.auditTableDetails}>{t('audit.table.supportAgent')}</span>
      )}
    </>
  );
}

/**
 * A long identifier (a UUID) shown by its first characters, which are enough to tell entries
 * apart; the rest is still there for screen readers and for copying.
 */
function ShortId({ value }: { value: string }) {
  if (value.length <= 13) return value;
  return (
    <>
      {value.slice(0, 8)}
      <span className="visually-hidden">{value.slice(8)}</span>
      <span aria-hidden="true">…</span>
    </>
  );
}

/** An empty cell: a dash to the eye, a word to the ear. */
function Nothing() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true" className="muted">
        —
      </span>
      <span className="visually-hidden">{t('audit.table.none')}</span>
    </>
  );
}
