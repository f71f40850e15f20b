import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile, Intervention } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Loading } from '@/components/ui/query-state';
import { useCalendarDateFormat } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useInterventions } from '../api/list-interventions';
import styles from '../case-files.module.css';

/**
 * The case file's interventions, most recent first, each with its day, who recorded it, who took
 * part and its notes; what the system recorded (opened, closed, reopened) shows as such.
 */
export function InterventionTimeline({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const headingId = useId();
  const timeline = useInterventions(caseFile.id, caseFile.can.viewContent);
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className={cx(styles.section, 'card')} aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('caseFiles.timeline.title')}
      </h2>
      {timeline.isError && !timeline.isFetchNextPageError ? (
        <ErrorAlert error={timeline.error} focus={false} onRetry={() => void timeline.refetch()} />
      ) : !timeline.data ? (
        <Loading inline />
      ) : items.length === 0 ? (
        <p className="muted">{t('caseFiles.timeline.empty')}</p>
      ) : (
        <ol className={cx(styles.timeline, 'case-file-timeline')}>
          {items.map((item) => (
            <TimelineEntry key={item.id} item={item} />
          ))}
        </ol>
      )}
      {timeline.isFetchNextPageError && <ErrorAlert error={timeline.error} focus={false} />}
      {timeline.hasNextPage && (
        <p className="list-more">
          <Button
            variant="secondary"
            disabled={timeline.isFetchingNextPage}
            onClick={() => void timeline.fetchNextPage()}
          >
            {timeline.isFetchingNextPage
              ? t('caseFiles.timeline.loadingMore')
              : t('caseFiles.timeline.more')}
          </Button>
        </p>
      )}
    </section>
  );
}

function TimelineEntry({ item }: { item: Intervention }) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const automatic = item.event !== null;
  const what = item.event
    ? t(`caseFiles.events.${item.event}`)
    : (item.type?.name ?? t('caseFiles.timeline.untyped'));
  const others = item.professionals.filter((p) => p.id !== item.author?.id);
  const facts = [
    item.author &&
      (automatic
        ? t('caseFiles.timeline.eventBy', { name: item.author.name })
        : t('caseFiles.timeline.by', { name: item.author.name })),
    item.durationMinutes !== null &&
      t('caseFiles.timeline.minutes', { count: item.durationMinutes }),
    item.place && t(`caseFiles.places.${item.place}`),
  ].filter((fact): fact is string => Boolean(fact));
  return (
    <li
      className={cx(styles.entry, automatic && styles.entryAutomatic)}
      data-event={item.event ?? undefined}
    >
      <h3 className={styles.entryTitle}>
        <span>{what}</span>
        <time dateTime={item.occurredOn} className={styles.entryDate}>
          {formatDate(item.occurredOn)}
        </time>
      </h3>
      {facts.length > 0 && <p className={styles.entryFacts}>{facts.join(' · ')}</p>}
      {item.persons.length > 0 && (
        <p className={styles.entryFacts}>
          {t('caseFiles.timeline.present', { names: item.persons.map((p) => p.name).join(', ') })}
        </p>
      )}
      {others.length > 0 && (
        <p className={styles.entryFacts}>
          {t('caseFiles.timeline.alsoProfessionals', {
            names: others.map((p) => p.name).join(', '),
          })}
        </p>
      )}
      {item.notes && (
        <div className={styles.notes}>
          {item.event === 'reopened' && (
            <p className={styles.notesLabel}>{t('caseFiles.timeline.reopenReason')}</p>
          )}
          {item.event === 'closed' && (
            <p className={styles.notesLabel}>{t('caseFiles.timeline.closingNote')}</p>
          )}
          <p className={styles.notesText}>{item.notes}</p>
        </div>
      )}
    </li>
  );
}
