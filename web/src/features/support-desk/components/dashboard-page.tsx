import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SupportDashboard } from '@caliu/common';
import { DataTable, type Column } from '@/components/ui/data-table';
import { QueryState } from '@/components/ui/query-state';
import { useDocumentTitle } from '@/lib/document-title';
import { useDateTimeFormat } from '@/lib/format';
import { useDashboard } from '../api/support-desk';

type KindRow = SupportDashboard['kinds'][number];

/** The support desk's last 30 days: per kind, how many, and how long to answer and to close. */
export function SupportDashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supportDesk.dashboard.title'));
  const dashboard = useDashboard();
  const formatDateTime = useDateTimeFormat();
  const hours = (value: number | null) =>
    value === null ? t('supportDesk.noData') : t('supportDesk.duration.hours', { count: value });
  const columns: Column<KindRow>[] = [
    {
      header: t('supportDesk.dashboard.columns.kind'),
      cell: (row) => t(`supportDesk.kinds.${row.kind}`),
    },
    { header: t('supportDesk.dashboard.columns.opened'), cell: (row) => row.opened },
    { header: t('supportDesk.dashboard.columns.open'), cell: (row) => row.open },
    { header: t('supportDesk.dashboard.columns.resolved'), cell: (row) => row.resolved },
    {
      header: t('supportDesk.dashboard.columns.firstResponseMedian'),
      cell: (row) => hours(row.firstResponseHours.median),
    },
    {
      header: t('supportDesk.dashboard.columns.firstResponseP90'),
      cell: (row) => hours(row.firstResponseHours.p90),
    },
    {
      header: t('supportDesk.dashboard.columns.resolutionMedian'),
      cell: (row) => hours(row.resolutionHours.median),
    },
    {
      header: t('supportDesk.dashboard.columns.resolutionP90'),
      cell: (row) => hours(row.resolutionHours.p90),
    },
  ];
  return (
    <div className="page">
      <p>
        <Link to="/support">{t('supportDesk.dashboard.back')}</Link>
      </p>
      <h1 className="page__title">{t('supportDesk.dashboard.title')}</h1>
      <QueryState query={dashboard} inline={false}>
        {(data) => (
          <>
            <p className="page__lead">
              {t('supportDesk.dashboard.lead', {
                from: formatDateTime(data.from),
                to: formatDateTime(data.to),
              })}
            </p>
            <DataTable
              caption={t('supportDesk.dashboard.caption')}
              columns={columns}
              rows={data.kinds}
              rowKey={(row) => row.kind}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
