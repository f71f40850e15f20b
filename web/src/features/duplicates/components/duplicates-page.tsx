import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicatePair } from '@caliu/common';
import { alertClass } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { emptyStateClass, QueryState } from '@/components/ui/query-state';
import { useDocumentTitle } from '@/lib/document-title';
import { useDuplicates } from '../api/list-duplicates';
import { DuplicatePairCard } from './duplicate-pair-card';
import styles from '../duplicates.module.css';

const keyOf = (pair: DuplicatePair) => pair.persons.map((p) => p.id).join(':');

/**
 * A coordinator's list of likely duplicate person records within their teams, strongest first:
 * each pair side by side with its reasons, links to both records, and "not the same person".
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('duplicates.title'));
  const list = useDuplicates();
  // Pairs dismissed on this page: they stay in place, marked, so that they can be undone.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const pairs = list.data?.pages.flatMap((page) => page.items) ?? [];
  // The total as the list was first read: later pages leave out what was dismissed since.
  const total = list.data?.pages[0]?.total ?? 0;
  const open = total - pairs.filter((pair) => dismissed.has(keyOf(pair))).length;

  const mark = (key: string, on: boolean) =>
    setDismissed((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <div className="page duplicates-page">
      <h1 className="page__title">{t('duplicates.title')}</h1>
      <p className="page__lead">{t('duplicates.lead')}</p>
      <p className={alertClass('info')}>{t('duplicates.mergeNote')}</p>
      <QueryState query={list}>
        {() =>
          pairs.length === 0 ? (
            <p className={emptyStateClass}>{t('duplicates.none')}</p>
          ) : (
            <>
              <p role="status" className={styles.count}>
                {t('duplicates.count', { count: open })}
              </p>
              <ul className={styles.pairs}>
                {pairs.map((pair) => (
                  <DuplicatePairCard
                    key={keyOf(pair)}
                    pair={pair}
                    dismissed={dismissed.has(keyOf(pair))}
                    onDismissedChange={(on) => mark(keyOf(pair), on)}
                  />
                ))}
              </ul>
              {list.hasNextPage && (
                <p className="list-more">
                  <button
                    type="button"
                    className={buttonClass({ variant: 'secondary' })}
                    disabled={list.isFetchingNextPage}
                    onClick={() => void list.fetchNextPage()}
                  >
                    {list.isFetchingNextPage ? t('duplicates.loadingMore') : t('duplicates.more')}
                  </button>
                </p>
              )}
            </>
          )
        }
      </QueryState>
    </div>
  );
}
