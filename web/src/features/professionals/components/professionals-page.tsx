import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTeams } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { useProfessionals } from '../api/get-professionals';
import type { DirectoryFilters } from '../api/get-professionals';
import { DirectoryFiltersForm } from './directory-filters';
import { DirectoryTable } from './directory-table';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass } from '@/components/ui/alert';
import { emptyStateClass } from '@/components/ui/query-state';

function filtersFrom(params: URLSearchParams): DirectoryFilters {
  const active = params.get('active');
  return {
    q: params.get('q')?.trim() || undefined,
    teamId: params.get('teamId') || undefined,
    active: active === 'true' || active === 'false' ? active : undefined,
  };
}

function paramsOf(filters: DirectoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params;
}

/** The directory of the entity's professionals: search, filters, and one page at a time. */
export function ProfessionalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('professionals.title'));
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(query)), [query]);
  // The cursors of the pages before this one (the first page has none), for "Previous".
  const [trail, setTrail] = useState<{ query: string; cursors: (string | null)[] }>({
    query,
    cursors: [null],
  });
  const cursors = trail.query === query ? trail.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useProfessionals(filters, cursor);
  const teams = useTeams();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const go = (next: (string | null)[]) => {
    setTrail({ query, cursors: next });
    headingRef.current?.focus();
  };
  const manages = me.permissions.includes('organization.manage');
  const items = page.data?.items ?? [];

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('professionals.title')}</h1>
          <p className="page__lead">
            {manages ? t('professionals.leadAdmin') : t('professionals.leadCoordinator')}
          </p>
        </div>
        {manages && (
          <Link to="/professionals/new" className={buttonClass()}>
            {t('professionals.new.title')}
          </Link>
        )}
      </div>
      <DirectoryFiltersForm
        filters={filters}
        teams={teams.data ?? []}
        onApply={(next) => setSearchParams(paramsOf(next))}
      />
      <section aria-labelledby="directory-results">
        <h2 id="directory-results" ref={headingRef} tabIndex={-1} className="section-title">
          {t('professionals.results')}
        </h2>
        {page.isError ? (
          <div role="alert" className={alertClass('error')}>
            <p className={alertTitleClass}>{page.error.message}</p>
          </div>
        ) : !page.data ? (
          <p role="status" className="muted">
            {t('common.loading')}
          </p>
        ) : items.length === 0 ? (
          <p role="status" className={emptyStateClass}>
            {t('professionals.empty')}
          </p>
        ) : (
          <>
            <p role="status" className="muted">
              {t('professionals.pageStatus', { page: cursors.length, count: items.length })}
            </p>
            <DirectoryTable professionals={items} teams={teams.data ?? []} />
          </>
        )}
        {(cursors.length > 1 || page.data?.nextCursor) && (
          <nav className="pager" aria-label={t('professionals.pager.label')}>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              disabled={cursors.length <= 1 || page.isFetching}
              onClick={() => go(cursors.slice(0, -1))}
            >
              {t('professionals.pager.previous')}
            </button>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              disabled={!page.data?.nextCursor || page.isFetching}
              onClick={() => go([...cursors, page.data?.nextCursor ?? null])}
            >
              {t('professionals.pager.next')}
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
