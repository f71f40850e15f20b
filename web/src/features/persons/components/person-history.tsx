import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonHistoryItem } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { usePersonHistory } from '../api/get-person-history';
import { useCalendarDateFormat } from '../dates';

/** Changes of referent, municipality, team and status: who made them, and when. */
export function PersonHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const history = usePersonHistory(personId, true);
  const formatDateTime = useDateTimeFormat();
  const formatDate = useCalendarDateFormat();
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];

  const change = (item: PersonHistoryItem) => {
    if (item.field === 'status') {
      return item.detail
        ? t('persons.history.deceasedOn', { date: formatDate(item.detail) })
        : t('persons.history.status');
    }
    const what = t(`persons.history.fields.${item.field}`);
    if (!item.from && item.to) return t('persons.history.set', { what, to: item.to.name });
    if (item.from && !item.to) return t('persons.history.removed', { what, from: item.from.name });
    return t('persons.history.changed', {
      what,
      from: item.from?.name ?? '',
      to: item.to?.name ?? '',
    });
  };

  return (
    <section className="card person-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('persons.history.title')}
      </h2>
      {history.isPending && (
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      )}
      {history.isError && (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">{history.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void history.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {history.isSuccess && items.length === 0 && (
        <p className="muted">{t('persons.history.empty')}</p>
      )}
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="data-table person-history">
            <caption className="visually-hidden">{t('persons.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('persons.history.when')}</th>
                <th scope="col">{t('persons.history.what')}</th>
                <th scope="col">{t('persons.history.by')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="person-history__time">
                    <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                  </td>
                  <td>{change(item)}</td>
                  <td>
                    {item.by?.name ?? <span className="muted">{t('persons.history.system')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history.hasNextPage && (
        <p className="list-more">
          <button
            type="button"
            className="button button--secondary"
            disabled={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            {history.isFetchingNextPage
              ? t('persons.search.loadingMore')
              : t('persons.history.more')}
          </button>
        </p>
      )}
    </section>
  );
}
