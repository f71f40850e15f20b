import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonHistoryItem, PersonView } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { usePersonHistory } from '../api/get-person-history';
import { useCalendarDateFormat } from '../dates';
import { cx } from '@/lib/cx';
import styles from '../persons.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass } from '@/components/ui/alert';

/** Changes of referent, municipality, team and status: who made them, and when. */
export function PersonHistory({
  personId,
  first,
}: {
  personId: string;
  first: NonNullable<PersonView['history']>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const captionId = useId();
  const history = usePersonHistory(personId, first);
  const formatDateTime = useDateTimeFormat();
  const formatDate = useCalendarDateFormat();
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];

  const change = (item: PersonHistoryItem) => {
    if (item.field === 'status') {
      return item.detail
        ? t('persons.history.deceasedOn', { date: formatDate(item.detail) })
        : t('persons.history.reactivated');
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
    <section className={cx(styles.personSection, 'card')} aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('persons.history.title')}
      </h2>
      {history.isPending && (
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      )}
      {history.isError && (
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{history.error.message}</p>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
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
        <TableScroll labelledBy={captionId}>
          <table className={cx(tableCss.dataTable, 'person-history')}>
            <caption id={captionId} className="visually-hidden">
              {t('persons.history.caption')}
            </caption>
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
                  <td className={styles.personHistoryTime}>
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
        </TableScroll>
      )}
      {history.hasNextPage && (
        <p className="list-more">
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
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
