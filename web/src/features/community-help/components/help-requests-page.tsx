import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  HELP_REQUEST_AGES,
  HELP_REQUEST_SORTS,
  HELP_REQUEST_STATUSES,
  HELP_TYPES,
  HELP_URGENCIES,
  HELP_WHEN,
  type HelpRequestItem,
} from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { buttonClass, linkButtonClass } from '@/components/ui/button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { FormField } from '@/components/ui/form-field';
import { emptyStateClass, QueryState } from '@/components/ui/query-state';
import { useMunicipalities } from '@/lib/api/organization';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useDocumentTitle } from '@/lib/document-title';
import { useDateTimeFormat } from '@/lib/format';
import {
  type HelpRequestFilters,
  useHelpRequests,
  useImportHelpRequests,
} from '../api/help-requests';
import styles from '../community-help.module.css';
import { importNotice } from '../import-notice';

const NO_FILTERS: HelpRequestFilters = { sort: 'newest' };

/**
 * The operators' table of help requests (issue 22): "Import requests" brings in every pending
 * submission and says how many (and how many could not be, their municipality removed); filters by state, kind, municipality, urgency, when needed and
 * age; sorted; paged ("More").
 */
export function HelpRequestsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('communityHelp.title'));
  const [draft, setDraft] = useState<HelpRequestFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<HelpRequestFilters>(NO_FILTERS);
  const list = useHelpRequests(filters);
  const importing = useImportHelpRequests();
  const municipalities = useMunicipalities();
  const dateTime = useDateTimeFormat();
  const calendarDate = useCalendarDateFormat();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (key: keyof HelpRequestFilters, value: string) =>
    setDraft((current) => ({ ...current, [key]: value || undefined }));

  const select = (
    key: 'status' | 'helpType' | 'municipalityId' | 'urgency' | 'needed' | 'age' | 'sort',
    label: string,
    options: readonly { value: string; label: string }[],
    any = true,
  ) => (
    <FormField id={`help-filter-${key}`} label={label}>
      {(control) => (
        <select
          {...control}
          value={(draft[key] as string | undefined) ?? ''}
          onChange={(event) => set(key, event.target.value)}
        >
          {any && <option value="">{t('communityHelp.any')}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  const labelled = <T extends string>(values: readonly T[], label: (value: T) => string) =>
    values.map((value) => ({ value, label: label(value) }));

  const columns: Column<HelpRequestItem>[] = [
    {
      header: t('communityHelp.columns.reference'),
      cell: (row) => <Link to={`/help-requests/${row.id}`}>{row.reference}</Link>,
    },
    {
      header: t('communityHelp.columns.name'),
      cell: (row) => (
        <>
          {row.name ?? '—'}
          {row.enteredByStaff && (
            <span className={styles.note}> ({t('communityHelp.enteredByStaff')})</span>
          )}
          {row.personId ? (
            <span className={styles.note}> ({t('communityHelp.personLinked')})</span>
          ) : (
            row.suggestedPersons > 0 && (
              <span className={styles.note}>
                {' '}
                ({t('communityHelp.suggestedPersons', { count: row.suggestedPersons })})
              </span>
            )
          )}
        </>
      ),
    },
    {
      header: t('communityHelp.columns.helpType'),
      cell: (row) => t(`communityHelp.helpTypes.${row.helpType}`),
    },
    { header: t('communityHelp.columns.municipality'), cell: (row) => row.municipality.name },
    {
      header: t('communityHelp.columns.urgency'),
      cell: (row) => t(`communityHelp.urgencies.${row.urgency}`),
    },
    {
      header: t('communityHelp.columns.needed'),
      cell: (row) =>
        row.neededOn
          ? `${calendarDate(row.neededOn)}${row.neededPart ? `, ${t(`communityHelp.parts.${row.neededPart}`)}` : ''}`
          : t('communityHelp.asap'),
    },
    { header: t('communityHelp.columns.submitted'), cell: (row) => dateTime(row.submittedAt) },
    {
      header: t('communityHelp.columns.status'),
      cell: (row) => t(`communityHelp.statuses.${row.status}`),
    },
  ];

  return (
    <div className="page help-requests-page">
      <h1 className="page__title">{t('communityHelp.title')}</h1>
      <p className="page__lead">{t('communityHelp.lead')}</p>
      <p className={styles.actions}>
        <button
          type="button"
          className={buttonClass()}
          disabled={importing.isPending}
          onClick={() => importing.mutate()}
        >
          {importing.isPending ? t('communityHelp.importing') : t('communityHelp.import')}
        </button>
        <Link to="/help-requests/new" className={buttonClass({ variant: 'secondary' })}>
          {t('communityHelp.newEntry')}
        </Link>
      </p>
      {importing.data && (
        <Notice key={importing.submittedAt}>
          {importNotice(
            importing.data,
            (key, options) => t(key as never, options as never) as unknown as string,
          )}
        </Notice>
      )}
      <ErrorAlert error={importing.error} />

      <form className={styles.filters} onSubmit={apply} aria-label={t('communityHelp.filters')}>
        {select(
          'status',
          t('communityHelp.fields.status'),
          labelled(HELP_REQUEST_STATUSES, (v) => t(`communityHelp.statuses.${v}`)),
        )}
        {select(
          'helpType',
          t('communityHelp.fields.helpType'),
          labelled(HELP_TYPES, (v) => t(`communityHelp.helpTypes.${v}`)),
        )}
        {select(
          'municipalityId',
          t('communityHelp.fields.municipality'),
          (municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name })),
        )}
        {select(
          'urgency',
          t('communityHelp.fields.urgency'),
          labelled(HELP_URGENCIES, (v) => t(`communityHelp.urgencies.${v}`)),
        )}
        {select(
          'needed',
          t('communityHelp.fields.when'),
          labelled(HELP_WHEN, (v) => t(`communityHelp.whens.${v}`)),
        )}
        {draft.needed === 'date' && (
          <>
            <FormField id="help-filter-neededFrom" label={t('communityHelp.fields.neededFrom')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={draft.neededFrom ?? ''}
                  onChange={(event) => set('neededFrom', event.target.value)}
                />
              )}
            </FormField>
            <FormField id="help-filter-neededTo" label={t('communityHelp.fields.neededTo')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={draft.neededTo ?? ''}
                  onChange={(event) => set('neededTo', event.target.value)}
                />
              )}
            </FormField>
          </>
        )}
        {select(
          'age',
          t('communityHelp.fields.age'),
          labelled(HELP_REQUEST_AGES, (v) => t(`communityHelp.ages.${v}`)),
        )}
        {select(
          'sort',
          t('communityHelp.fields.sort'),
          labelled(HELP_REQUEST_SORTS, (v) => t(`communityHelp.sorts.${v}`)),
          false,
        )}
        <p className={styles.actions}>
          <button type="submit" className={buttonClass({ variant: 'secondary' })}>
            {t('communityHelp.apply')}
          </button>
          <button
            type="button"
            className={linkButtonClass}
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            {t('communityHelp.clear')}
          </button>
        </p>
      </form>

      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <p className={emptyStateClass}>{t('communityHelp.none')}</p>
          ) : (
            <>
              <DataTable
                caption={t('communityHelp.caption')}
                columns={columns}
                rows={items}
                rowKey={(row) => row.id}
              />
              {list.hasNextPage && (
                <p className="list-more">
                  <button
                    type="button"
                    className={buttonClass({ variant: 'secondary' })}
                    disabled={list.isFetchingNextPage}
                    onClick={() => void list.fetchNextPage()}
                  >
                    {list.isFetchingNextPage
                      ? t('communityHelp.loadingMore')
                      : t('communityHelp.more')}
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
