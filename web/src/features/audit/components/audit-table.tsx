import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { useAuditVocabulary } from '../vocabulary';
import { recordLabel, useEntrySentence } from '../sentence';
import { cx } from '@/lib/cx';
import styles from '../audit.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { OUTCOME_CLASSES } from './outcome';
import { linkButtonClass } from '@/components/ui/button';

type AuditTableProps = {
  entries: AuditEntry[];
  onFilterActor: (actorId: string) => void;
  onFilterRecord: (recordType: string, recordId: string) => void;
};

/**
 * Audit entries as a table, each written as a sentence; names and records are buttons that narrow
 * the search to them. Under a tablet's width each entry is a card (audit.module.css), its cells
 * labelled with the column names.
 */
export function AuditTable({ entries, onFilterActor, onFilterRecord }: AuditTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const formatDateTime = useDateTimeFormat();
  const vocabulary = useAuditVocabulary();
  const describe = useEntrySentence();
  const labels = {
    time: t('audit.table.time'),
    actor: t('audit.table.actor'),
    action: t('audit.table.action'),
    outcome: t('audit.table.outcome'),
    record: t('audit.table.record'),
    request: t('audit.table.request'),
  };

  return (
    // Should a cell still be too wide, the region scrolls, and can take the focus to do so.
    <TableScroll labelledBy={captionId}>
      <table className={cx(tableCss.dataTable, styles.auditTable, 'audit-table')}>
        <caption id={captionId} className="visually-hidden">
          {t('audit.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{labels.time}</th>
            <th scope="col">{labels.actor}</th>
            <th scope="col">{labels.action}</th>
            <th scope="col">{labels.outcome}</th>
            <th scope="col">{labels.record}</th>
            <th scope="col">{labels.request}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            return (
              <tr key={entry.id}>
                <td className={styles.auditTableTime} data-label={labels.time}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td className={styles.auditTableWho} data-label={labels.actor}>
                  <ActorCell actor={entry.actor} onFilter={onFilterActor} />
                </td>
                <td className={styles.auditTableWhat} data-label={labels.action}>
                  <span className="audit-table__action">{describe(entry)}</span>
                </td>
                <td data-label={labels.outcome}>
                  <span className={cx(styles.auditOutcome, OUTCOME_CLASSES[entry.outcome])}>
                    {vocabulary.outcome(entry.outcome)}
                  </span>
                </td>
                <td data-label={labels.record}>
                  {entry.recordType && entry.recordId ? (
                    <>
                      <span className={styles.auditTableRecordType}>
                        {vocabulary.recordType(entry.recordType)}
                      </span>
                      <button
                        type="button"
                        className={cx(linkButtonClass, styles.auditTableRecord)}
                        title={t('audit.table.filterByRecord')}
                        onClick={() => onFilterRecord(entry.recordType ?? '', entry.recordId ?? '')}
                      >
                        {recordLabel(entry)}
                      </button>
                    </>
                  ) : (
                    <Nothing />
                  )}
                </td>
                <td data-label={labels.request}>
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
    </TableScroll>
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
