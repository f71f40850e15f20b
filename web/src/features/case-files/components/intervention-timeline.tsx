import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile, Intervention } from '@caliu/common';
import { Notice } from '@/components/ui/alert';
import { useInterventions } from '../api/list-interventions';
import { ContentTools } from './content-tools';
import { EntryAttachments } from './entry-attachments';
import { EntryFeed } from './entry-feed';
import { EntryShell } from './entry-shell';
import { SectionCard } from './section-card';

/**
 * The case file's interventions, most recent first, each with its day, who recorded it, who took
 * part and its notes; what the system recorded (opened, closed, reopened, a resource granted)
 * shows as such.
 */
export function InterventionTimeline({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const timeline = useInterventions(caseFile.id, caseFile.can.viewContent);
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  const say = (text: string) => setNotice((last) => ({ text, count: (last?.count ?? 0) + 1 }));
  return (
    <SectionCard title={t('caseFiles.timeline.title')}>
      {notice && <Notice key={notice.count}>{notice.text}</Notice>}
      <EntryFeed
        query={timeline}
        keyOf={(item) => item.id}
        className="case-file-timeline"
        empty={t('caseFiles.timeline.empty')}
        more={t('caseFiles.timeline.more')}
        loadingMore={t('caseFiles.timeline.loadingMore')}
      >
        {(item) => (
          <InterventionEntry
            item={item}
            attachments={
              item.event === null && (
                <EntryAttachments caseFile={caseFile} kind="intervention" itemId={item.id} />
              )
            }
            actions={
              caseFile.can.moveContent &&
              item.event === null && (
                <ContentTools
                  caseFile={caseFile}
                  kind="intervention"
                  item={{
                    id: item.id,
                    type: item.type?.name ?? '',
                    date: item.occurredOn,
                    persons: item.persons.map((p) => p.name),
                  }}
                  onDone={say}
                />
              )
            }
          />
        )}
      </EntryFeed>
    </SectionCard>
  );
}

/** An intervention: in the list of interventions, and (`kind` said) in the timeline of all. */
export function InterventionEntry({
  item,
  kind,
  actions,
  attachments,
}: {
  item: Intervention;
  kind?: string;
  /** Buttons about it (a coordinator's transfer and delete). */
  actions?: ReactNode;
  /** Its documents (EntryAttachments). */
  attachments?: ReactNode;
}) {
  const { t } = useTranslation();
  const automatic = item.event !== null;
  const title = item.event
    ? t(`caseFiles.events.${item.event}`, { resource: item.resource?.name ?? '' })
    : (item.type?.name ?? t('caseFiles.timeline.untyped'));
  const others = item.professionals.filter((p) => p.id !== item.author?.id);
  const textLabel =
    item.event === 'reopened'
      ? t('caseFiles.timeline.reopenReason')
      : item.event === 'closed'
        ? t('caseFiles.timeline.closingNote')
        : undefined;
  return (
    <EntryShell
      kindCode="intervention"
      event={item.event ?? undefined}
      kind={automatic ? undefined : kind}
      automatic={automatic}
      title={title}
      date={item.occurredOn}
      facts={[
        item.author &&
          (automatic
            ? t('caseFiles.timeline.eventBy', { name: item.author.name })
            : t('caseFiles.timeline.by', { name: item.author.name })),
        item.durationMinutes !== null &&
          t('caseFiles.timeline.minutes', { count: item.durationMinutes }),
        item.place && t(`caseFiles.places.${item.place}`),
      ]}
      lines={[
        item.persons.length > 0 &&
          t('caseFiles.timeline.present', { names: item.persons.map((p) => p.name).join(', ') }),
        others.length > 0 &&
          t('caseFiles.timeline.alsoProfessionals', {
            names: others.map((p) => p.name).join(', '),
          }),
      ]}
      text={item.notes}
      textLabel={textLabel}
      actions={actions || undefined}
      attachments={attachments}
    />
  );
}
