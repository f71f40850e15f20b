import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@caliu/common';
import { ApiError } from '@/lib/api-client';
import { auditExportUrl } from '../api/export-audit';
import type { useAuditSearch } from '../api/search-audit';
import type { AuditFilters } from '../filters';
import { AuditTable } from './audit-table';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../audit.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass, alertListClass } from '@/components/ui/alert';
import { Loading, emptyStateClass } from '@/components/ui/query-state';

type AuditResultsProps = {
  search: ReturnType<typeof useAuditSearch>;
  entries: AuditEntry[];
  filters: AuditFilters;
  onFilter: (patch: AuditFilters) => void;
};

/** The entries found, with their CSV download, "load more", and the empty and error states. */
export function AuditResults({ search, entries, filters, onFilter }: AuditResultsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const endRef = useRef<HTMLParagraphElement>(null);
  const [focusEnd, setFocusEnd] = useState(false);

  // The "load more" button goes away with the last page: the focus goes to the note that says so.
  useEffect(() => {
    if (focusEnd && endRef.current) {
      endRef.current.focus();
      setFocusEnd(false);
    }
  }, [focusEnd, search.hasNextPage]);

  const loadMore = async () => {
    const result = await search.fetchNextPage();
    if (!result.hasNextPage && !result.isError) setFocusEnd(true);
  };

  const filterFromRow = (patch: AuditFilters) => {
    onFilter(patch);
    // The row clicked is about to be replaced: keep the keyboard user at the top of the results.
    headingRef.current?.focus();
  };

  return (
    <section aria-labelledby={headingId}>
      <div className={styles.auditResultsHeader}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="section-title">
          {t('audit.results.title')}
        </h2>
        {search.isSuccess && (
          <p role="status" className={styles.auditResultsCount}>
            {t('audit.results.shown', { count: entries.length })}
          </p>
        )}
        {!search.isError && (
          <div className={styles.auditResultsDownload}>
            <a
              className={buttonClass({ variant: 'secondary' })}
              href={auditExportUrl(filters)}
              download
              aria-describedby={hintId}
            >
              <DownloadIcon />
              <span>{t('audit.results.download')}</span>
            </a>
            <p id={hintId} className={cx(fieldCss.fieldHint, 'field__hint')}>
              {t('audit.results.downloadHint')}
            </p>
          </div>
        )}
      </div>

      {search.isPending && <Loading>{t('audit.results.loading')}</Loading>}
      {search.isError && !search.isFetchNextPageError && (
        <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
      )}
      {search.isSuccess && entries.length === 0 && (
        <p className={emptyStateClass}>{t('audit.results.empty')}</p>
      )}
      {entries.length > 0 && (
        <AuditTable
          entries={entries}
          onFilterActor={(actorId) => filterFromRow({ actorId })}
          onFilterRecord={(recordType, recordId) => filterFromRow({ recordType, recordId })}
        />
      )}
      {search.isFetchNextPageError && (
        <ErrorAlert error={search.error} onRetry={() => void loadMore()} />
      )}
      {search.hasNextPage && (
        <p className={styles.auditResultsMore}>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => void loadMore()}
            disabled={search.isFetchingNextPage}
          >
            {search.isFetchingNextPage ? t('audit.results.loadingMore') : t('audit.results.more')}
          </button>
        </p>
      )}
      {search.isSuccess && !search.hasNextPage && search.data.pages.length > 1 && (
        <p ref={endRef} tabIndex={-1} className={cx(styles.auditResultsMore, 'muted')}>
          {t('audit.results.end')}
        </p>
      )}
    </section>
  );
}

function ErrorAlert({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className={alertClass('error')}>
      <p className={alertTitleClass}>{error.message}</p>
      {details.length > 0 && (
        <ul className={alertListClass}>
          {details.map((detail, index) => (
            <li key={`${detail.field ?? ''}-${index}`}>{detail.message}</li>
          ))}
        </ul>
      )}
      {!(error instanceof ApiError && error.status === 400) && (
        <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

function DownloadIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 4v11M7 10l5 5 5-5M5 19h14"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
