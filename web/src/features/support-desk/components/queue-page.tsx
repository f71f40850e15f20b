import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TICKET_AGES, TICKET_KINDS, TICKET_STATUSES } from '@caliu/common';
import type { QueueTicket } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { FormField } from '@/components/ui/form-field';
import { Loading, emptyStateClass } from '@/components/ui/query-state';
import { SupportPendingTransfers } from '@/lib/caseload-transfers-home';
import { useDocumentTitle } from '@/lib/document-title';
import { useDateTimeFormat } from '@/lib/format';
import { useEntityDirectory, useQueue, useSupportAgents } from '../api/support-desk';
import {
  durationParts,
  filtersFromSearch,
  NO_FILTERS,
  queueHref,
  type QueueFilters,
  type TicketAge,
} from '../queue-filters';
import styles from '../support-desk.module.css';

/** "3 days", "5 hours", "12 minutes". */
export function useDuration() {
  const { t } = useTranslation();
  return (ms: number) => {
    const { unit, count } = durationParts(ms);
    return t(`supportDesk.duration.${unit}`, { count });
  };
}

function FiltersForm({
  filters,
  onApply,
}: {
  filters: QueueFilters;
  onApply: (next: QueueFilters) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const entities = useEntityDirectory();
  const agents = useSupportAgents();
  const [draft, setDraft] = useState(filters);
  const [shown, setShown] = useState(filters);
  if (shown !== filters) {
    // Filters chosen elsewhere (Back, a bookmark): the form follows them.
    setShown(filters);
    setDraft(filters);
  }
  const set = (patch: Partial<QueueFilters>) => setDraft({ ...draft, ...patch });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form
      className={`${styles.filters} card`}
      role="search"
      aria-labelledby={`${id}-title`}
      onSubmit={onSubmit}
    >
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('supportDesk.filters.title')}
      </h2>
      <FormField id={`${id}-entity`} label={t('supportDesk.filters.entity')}>
        {(control) => (
          <select
            {...control}
            value={draft.entityId ?? ''}
            onChange={(event) => set({ entityId: event.target.value || null })}
          >
            <option value="">{t('supportDesk.filters.allEntities')}</option>
            {(entities.data?.items ?? []).map((entity) => (
              <option key={entity.id} value={entity.id}>
                {entity.name}
              </option>
            ))}
            {draft.entityId &&
              entities.data &&
              !entities.data.items.some((entity) => entity.id === draft.entityId) && (
                <option value={draft.entityId}>{draft.entityId}</option>
              )}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-kind`} label={t('supportDesk.filters.kind')}>
        {(control) => (
          <select
            {...control}
            value={draft.kind ?? ''}
            onChange={(event) =>
              set({ kind: (event.target.value || null) as QueueFilters['kind'] })
            }
          >
            <option value="">{t('supportDesk.filters.allKinds')}</option>
            {TICKET_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`supportDesk.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-status`} label={t('supportDesk.filters.status')}>
        {(control) => (
          <select
            {...control}
            value={draft.status}
            onChange={(event) => set({ status: event.target.value as QueueFilters['status'] })}
          >
            <option value="open">{t('supportDesk.filters.open')}</option>
            {TICKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`supportDesk.statuses.${status}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-age`} label={t('supportDesk.filters.age')}>
        {(control) => (
          <select
            {...control}
            value={draft.age ?? ''}
            onChange={(event) => set({ age: (event.target.value || null) as TicketAge | null })}
          >
            <option value="">{t('supportDesk.filters.anyAge')}</option>
            {TICKET_AGES.map((age) => (
              <option key={age} value={age}>
                {t(`supportDesk.ages.${age}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-assignee`} label={t('supportDesk.filters.assignee')}>
        {(control) => (
          <select
            {...control}
            value={draft.assignee ?? ''}
            onChange={(event) => set({ assignee: event.target.value || null })}
          >
            <option value="">{t('supportDesk.filters.anyone')}</option>
            <option value="me">{t('supportDesk.filters.me')}</option>
            <option value="none">{t('supportDesk.filters.none')}</option>
            {(agents.data?.items ?? []).map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className={styles.filterActions}>
        <Button type="submit">{t('supportDesk.filters.submit')}</Button>
        <Button variant="secondary" onClick={() => onApply(NO_FILTERS)}>
          {t('supportDesk.filters.clear')}
        </Button>
      </div>
    </form>
  );
}

function QueueTable({ tickets, now }: { tickets: QueueTicket[]; now: number }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const formatDateTime = useDateTimeFormat();
  const columns: Column<QueueTicket>[] = [
    {
      header: t('supportDesk.columns.number'),
      cell: (ticket) => (
        <Link to={`/support/${ticket.entity.id}/${ticket.id}`}>{ticket.number}</Link>
      ),
    },
    { header: t('supportDesk.columns.entity'), cell: (ticket) => ticket.entity.name },
    {
      header: t('supportDesk.columns.kind'),
      cell: (ticket) => t(`supportDesk.kinds.${ticket.kind}`),
    },
    { header: t('supportDesk.columns.requester'), cell: (ticket) => ticket.requesterName },
    {
      header: t('supportDesk.columns.status'),
      cell: (ticket) => t(`supportDesk.statuses.${ticket.status}`),
    },
    {
      header: t('supportDesk.columns.assignee'),
      cell: (ticket) => ticket.assignee?.name ?? t('supportDesk.unassigned'),
    },
    {
      header: t('supportDesk.columns.age'),
      cell: (ticket) => (
        <time dateTime={ticket.createdAt} title={formatDateTime(ticket.createdAt)}>
          {duration(now - Date.parse(ticket.createdAt))}
        </time>
      ),
    },
    {
      header: t('supportDesk.columns.firstResponse'),
      cell: (ticket) =>
        ticket.firstResponseAt
          ? duration(Date.parse(ticket.firstResponseAt) - Date.parse(ticket.createdAt))
          : t('supportDesk.notYet'),
    },
  ];
  return (
    <DataTable
      caption={t('supportDesk.queue.caption')}
      columns={columns}
      rows={tickets}
      rowKey={(ticket) => ticket.id}
    />
  );
}

/**
 * The support agents' queue: every council's tickets, filtered by entity, kind, status, age and
 * assignee (kept in the address), open ones oldest first, page by page.
 */
export function SupportQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supportDesk.queue.title'));
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const queue = useQueue(filters);
  const tickets = queue.data?.pages.flatMap((page) => page.items) ?? [];
  // Ages are counted from when the page was read.
  const [now] = useState(() => Date.now());

  return (
    <div className="page">
      <h1 className="page__title">{t('supportDesk.queue.title')}</h1>
      <p className="page__lead">{t('supportDesk.queue.lead')}</p>
      <p>
        <Link to="/support/dashboard">{t('supportDesk.queue.dashboardLink')}</Link>
      </p>
      <SupportPendingTransfers />
      <FiltersForm filters={filters} onApply={(next) => void navigate(queueHref(next))} />

      {queue.isPending && <Loading>{t('supportDesk.queue.loading')}</Loading>}
      {queue.isError && !queue.isFetchNextPageError && (
        <ErrorAlert error={queue.error} focus={false} onRetry={() => void queue.refetch()} />
      )}
      {queue.isSuccess && (
        <p role="status" className="list-count">
          {t('supportDesk.queue.shown', { count: tickets.length })}
        </p>
      )}
      {queue.isSuccess && tickets.length === 0 && (
        <p className={emptyStateClass}>{t('supportDesk.queue.empty')}</p>
      )}
      {tickets.length > 0 && <QueueTable tickets={tickets} now={now} />}
      {queue.isFetchNextPageError && (
        <ErrorAlert error={queue.error} focus={false} onRetry={() => void queue.fetchNextPage()} />
      )}
      {queue.hasNextPage && (
        <p className="list-more">
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => void queue.fetchNextPage()}
            disabled={queue.isFetchingNextPage}
          >
            {queue.isFetchingNextPage
              ? t('supportDesk.queue.loadingMore')
              : t('supportDesk.queue.more')}
          </button>
        </p>
      )}
      {queue.isSuccess && !queue.hasNextPage && (queue.data?.pages.length ?? 0) > 1 && (
        <p className="muted list-more">{t('supportDesk.queue.end')}</p>
      )}
    </div>
  );
}
