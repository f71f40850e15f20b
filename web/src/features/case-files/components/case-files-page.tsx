import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CASE_FILE_STATES, CASE_SCOPES } from '@caliu/common';
import type { CaseFileState, CaseScope } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Loading, emptyStateClass } from '@/components/ui/query-state';
import type { CaseFileFilters as ApiFilters } from '@/lib/api/case-files';
import { OPTIONS_STALE_TIME, useMunicipalities, useTeams } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { cx } from '@/lib/cx';
import { useDocumentTitle } from '@/lib/document-title';
import { useCaseFiles } from '../api/list-case-files';
import { useProfessionals } from '../api/get-professionals';
import { CaseFileFilters } from './case-file-filters';
import type { ListFilters } from './case-file-filters';
import { CaseFilesTable } from '@/components/case-files-table';
import styles from '../case-files.module.css';

const isScope = (value: string | null): value is CaseScope =>
  (CASE_SCOPES as readonly (string | null)[]).includes(value);
const isState = (value: string | null): value is CaseFileState =>
  (CASE_FILE_STATES as readonly (string | null)[]).includes(value);

function filtersFrom(params: URLSearchParams): ListFilters {
  const of = params.get('of');
  const scope = params.get('scope');
  const state = params.get('state');
  return {
    whose:
      !of || of === 'mine'
        ? { kind: 'mine' }
        : of === 'all'
          ? { kind: 'all' }
          : { kind: 'team', teamId: of },
    scope: isScope(scope) ? scope : undefined,
    state: isState(state) ? state : undefined,
    municipalityId: params.get('municipalityId') || undefined,
  };
}

function paramsOf(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.whose.kind === 'all') params.set('of', 'all');
  if (filters.whose.kind === 'team') params.set('of', filters.whose.teamId);
  if (filters.scope) params.set('scope', filters.scope);
  if (filters.state) params.set('state', filters.state);
  if (filters.municipalityId) params.set('municipalityId', filters.municipalityId);
  return params;
}

/**
 * The case files the user works on: by default those where they are the referent or are
 * assigned; all they may see, or a team's, by choice; narrowed by scope, state and municipality.
 * Opening one starts from the person's page.
 */
export function CaseFilesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('caseFiles.title'));
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(query)), [query]);
  // A team's case files of one of its professionals (the caseload page links here).
  const professionalId =
    filters.whose.kind === 'team' ? (searchParams.get('professional') ?? undefined) : undefined;
  const api: ApiFilters = {
    ...(filters.whose.kind === 'mine' ? { professionalId: me.id } : {}),
    ...(filters.whose.kind === 'team' ? { teamId: filters.whose.teamId } : {}),
    ...(professionalId ? { professionalId } : {}),
    scope: filters.scope,
    state: filters.state,
    municipalityId: filters.municipalityId,
  };
  const list = useCaseFiles(api);
  const teams = useTeams({ staleTime: OPTIONS_STALE_TIME });
  const coordinated = useTeams({
    configurable: true,
    staleTime: OPTIONS_STALE_TIME,
    enabled: me.permissions.includes('teams.configure_members'),
  });
  const professionals = useProfessionals();
  const municipalities = useMunicipalities({ staleTime: OPTIONS_STALE_TIME });
  // The teams the user belongs to or coordinates.
  const mine = new Set([
    ...(professionals.data?.find((p) => p.id === me.id)?.teamIds ?? []),
    ...(coordinated.data ?? []).map((team) => team.id),
    ...(filters.whose.kind === 'team' ? [filters.whose.teamId] : []),
  ]);
  const myTeams = (teams.data ?? []).filter((team) => mine.has(team.id));
  const headingId = useId();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <div className="page">
      <h1 className="page__title">{t('caseFiles.title')}</h1>
      <p className="page__lead">{t('caseFiles.list.lead')}</p>
      {professionalId && (
        <p className="muted" data-testid="list-of-professional">
          {t('caseFiles.list.ofProfessional', {
            name: professionals.data?.find((p) => p.id === professionalId)?.name ?? '…',
          })}
        </p>
      )}
      <CaseFileFilters
        filters={filters}
        teams={myTeams}
        municipalities={municipalities.data ?? []}
        onApply={(next) => setSearchParams(paramsOf(next))}
      />
      <section aria-labelledby={headingId} className="case-files-results">
        <div className={styles.resultsHeader}>
          <h2 id={headingId} className="section-title">
            {t('caseFiles.list.results')}
          </h2>
          <p role="status" className={styles.resultsStatus}>
            {total !== undefined && !list.isPlaceholderData
              ? t('caseFiles.list.total', { count: total })
              : ''}
          </p>
        </div>
        {list.isError && !list.isFetchNextPageError ? (
          <ErrorAlert error={list.error} focus={false} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <Loading inline />
        ) : items.length === 0 ? (
          <p className={emptyStateClass}>
            {filters.whose.kind === 'mine' &&
            !filters.scope &&
            !filters.state &&
            !filters.municipalityId
              ? t('caseFiles.list.emptyMine')
              : t('caseFiles.list.empty')}
          </p>
        ) : (
          <div className={cx(list.isPlaceholderData && styles.stale)}>
            <CaseFilesTable
              items={items}
              caption={t('caseFiles.list.caption')}
              className="case-files-table"
            />
          </div>
        )}
        {list.isFetchNextPageError && <ErrorAlert error={list.error} focus={false} />}
        {list.hasNextPage && !list.isPlaceholderData && (
          <p className="list-more">
            <Button
              variant="secondary"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('caseFiles.list.loadingMore') : t('caseFiles.list.more')}
            </Button>
          </p>
        )}
      </section>
    </div>
  );
}
