import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseFileSummary } from '@caliu/common';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { StateBadge } from './case-file-state-badge';
import styles from './case-files-table.module.css';

export type CaseFileColumn =
  'holder' | 'scope' | 'state' | 'municipality' | 'referent' | 'openedOn';

const ALL_COLUMNS: readonly CaseFileColumn[] = [
  'holder',
  'scope',
  'state',
  'municipality',
  'referent',
  'openedOn',
];

/**
 * Case files as rows, one table wherever they are listed (the list, a person's page, the number
 * search): the number opens the case file; the other columns are the ones the place needs.
 */
export function CaseFilesTable({
  items,
  caption,
  columns = ALL_COLUMNS,
  className,
}: {
  items: readonly CaseFileSummary[];
  caption: string;
  columns?: readonly CaseFileColumn[];
  className?: string;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const formatDate = useCalendarDateFormat();
  const cell: Record<CaseFileColumn, (item: CaseFileSummary) => ReactNode> = {
    holder: (item) => item.holder?.name ?? <span className="muted">{t('caseFiles.noHolder')}</span>,
    scope: (item) => t(`caseFiles.scopes.${item.scope}`),
    state: (item) => <StateBadge state={item.state} />,
    municipality: (item) => item.municipality.name,
    referent: (item) =>
      item.referent?.name ?? <span className="muted">{t('caseFiles.noReferent')}</span>,
    openedOn: (item) => <time dateTime={item.openedOn}>{formatDate(item.openedOn)}</time>,
  };
  return (
    <TableScroll labelledBy={captionId}>
      <table className={cx(tableCss.dataTable, className)}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('caseFiles.fields.number')}</th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {t(`caseFiles.fields.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link to={`/case-files/${item.id}`} className={styles.number}>
                  {item.number}
                </Link>
              </th>
              {columns.map((column) => (
                <td key={column} className={column === 'openedOn' ? styles.nowrap : undefined}>
                  {cell[column](item)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
