import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/document-title';
import { auditSearchKey, useAuditSearch } from '../api/search-audit';
import { filtersFromSearchParams, filtersToSearchParams, isFilterName } from '../filters';
import type { AuditFilters, FilterName } from '../filters';
import { AuditFilterForm } from './audit-filter-form';
import { AuditResults } from './audit-results';
import { cx } from '@/lib/cx';
import styles from '../audit.module.css';
import { buttonClass } from '@/components/ui/button';

/** The messages of a refused search (400), by the filter they are about. */
function fieldErrorsOf(error: Error | null): Partial<Record<FilterName, string>> {
  const errors: Partial<Record<FilterName, string>> = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    if (detail.field && isFilterName(detail.field) && !errors[detail.field]) {
      errors[detail.field] = detail.message;
    }
  }
  return errors;
}

/**
 * The administrator's audit page: filters kept in the page's address (so a search can be
 * bookmarked, shared, and followed with Back), the matching entries, and their CSV download.
 */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.toString();
  const filters = useMemo(() => filtersFromSearchParams(new URLSearchParams(query)), [query]);
  const search = useAuditSearch(filters);

  const apply = (next: AuditFilters) => {
    const params = filtersToSearchParams(next);
    if (params.toString() === filtersToSearchParams(filters).toString()) {
      // The same search again: the user wants what happened since, from the first page.
      void queryClient.resetQueries({ queryKey: auditSearchKey(filters) });
    } else {
      setSearchParams(params);
    }
  };

  const entries = search.data?.pages.flatMap((page) => page.items) ?? [];
  const actor = filters.actorId
    ? entries.find((entry) => entry.actor?.id === filters.actorId)?.actor
    : undefined;

  return (
    <div className="page">
      <h1 className="page__title">{t('audit.title')}</h1>
      <p className="page__lead">{t('audit.lead')}</p>
      <section
        className={cx(styles.auditSubjectAccess, 'card')}
        aria-labelledby="audit-subject-access"
      >
        <div>
          <h2 id="audit-subject-access" className="section-title">
            {t('audit.personReport.title')}
          </h2>
          <p>{t('audit.personReport.teaser')}</p>
        </div>
        <Link to="/audit/person" className={buttonClass({ variant: 'secondary' })}>
          {t('audit.personReport.open')}
        </Link>
      </section>
      <AuditFilterForm
        filters={filters}
        actor={actor ?? null}
        fieldErrors={fieldErrorsOf(search.error)}
        onApply={apply}
      />
      <AuditResults
        search={search}
        entries={entries}
        filters={filters}
        onFilter={(patch) => apply({ ...filters, ...patch })}
      />
    </div>
  );
}
