import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type AlertKind, type AlertRecord, alertKindSchema } from '@caliu/common';
import { buttonClass } from '@/components/ui/button';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { ErrorAlert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/query-state';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useDocumentTitle } from '@/lib/document-title';
import { useAlertRecords } from '../api/get-alert-records';

/** The records behind one alert (`/alerts/:kind`): each opens its case file or person. */
export function AlertRecordsPage() {
  const { kind } = useParams();
  const parsed = alertKindSchema.safeParse(kind);
  const { t } = useTranslation();
  if (!parsed.success) {
    return (
      <div className="page">
        <h1 className="page__title">{t('homePage.records.unknown')}</h1>
        <p>
          <Link to="/">{t('homePage.records.back')}</Link>
        </p>
      </div>
    );
  }
  return <AlertRecords kind={parsed.data} />;
}

function AlertRecords({ kind }: { kind: AlertKind }) {
  const { t } = useTranslation();
  const captionId = useId();
  const formatDate = useCalendarDateFormat();
  const title = t(`homePage.alerts.kinds.${kind}`);
  useDocumentTitle(title);
  const records = useAlertRecords(kind);
  const items = records.data?.pages.flatMap((page) => page.items) ?? [];
  const detail = (item: AlertRecord) =>
    item.municipalities
      ? t('homePage.records.municipalities', item.municipalities)
      : (item.type ?? '');
  return (
    <div className="page alert-records">
      <p>
        <Link to="/">{t('homePage.records.back')}</Link>
      </p>
      <h1 className="page__title">{title}</h1>
      <p className="page__lead">{t(`homePage.records.leads.${kind}`)}</p>
      {records.isError && (
        <ErrorAlert error={records.error} focus={false} onRetry={() => void records.refetch()} />
      )}
      {records.isPending && <Loading />}
      {records.isSuccess && items.length === 0 && (
        <p className="muted">{t('homePage.records.none')}</p>
      )}
      {items.length > 0 && (
        <TableScroll labelledBy={captionId}>
          <table className={tableCss.dataTable}>
            <caption id={captionId} className="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('homePage.records.caseFile')}</th>
                <th scope="col">{t('homePage.records.person')}</th>
                <th scope="col">{t('homePage.records.date')}</th>
                <th scope="col">{t('homePage.records.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.id}:${item.person?.id ?? ''}`}>
                  <td>
                    {item.caseFile ? (
                      <Link to={`/case-files/${item.caseFile.id}`}>{item.caseFile.number}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {item.person ? (
                      <Link to={`/persons/${item.person.id}`}>{item.person.name}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {item.date ? <time dateTime={item.date}>{formatDate(item.date)}</time> : '—'}
                  </td>
                  <td>{detail(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {records.hasNextPage && (
        <p>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            disabled={records.isFetchingNextPage}
            onClick={() => void records.fetchNextPage()}
          >
            {t('homePage.records.more')}
          </button>
        </p>
      )}
    </div>
  );
}
