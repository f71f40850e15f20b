import { useTranslation } from 'react-i18next';
import type {
  CaseFile,
  Demand,
  Plan,
  Problem,
  Procedure,
  ProcedureStatus,
  Resource,
  ResourceState,
  TimelineEntry,
} from '@caliu/common';
import type { ReactNode } from 'react';
import { useCalendarDateFormat } from '@/lib/calendar';
import { EntryAttachments } from './entry-attachments';
import { EntryShell } from './entry-shell';
import { InterventionEntry } from './intervention-timeline';

/**
 * How each kind of content reads, the same in its tab and in the timeline: `date` is the day the
 * timeline files it under (its own date otherwise), `kind` its kind where kinds mix, `actions`
 * the buttons of its tab (edit, grant…), `attachments` its documents.
 */
type EntryProps<T> = {
  item: T;
  date?: string;
  kind?: string;
  actions?: ReactNode;
  /** Its documents (EntryAttachments). */
  attachments?: ReactNode;
};

/** A resource's state, as a badge. */
export function ResourceStateBadge({ state }: { state: ResourceState }) {
  const { t } = useTranslation();
  const look: Record<ResourceState, string> = {
    pre_assigned: 'badge badge--pending',
    granted: 'badge badge--on',
    denied: 'badge badge--off',
    ended: 'badge badge--off',
  };
  return <span className={look[state]}>{t(`caseContent.resource.states.${state}`)}</span>;
}

function ProcedureStatusBadge({ status }: { status: ProcedureStatus }) {
  const { t } = useTranslation();
  const look: Record<ProcedureStatus, string> = {
    in_preparation: 'badge badge--info',
    filed: 'badge badge--pending',
    pending_documents: 'badge badge--pending',
    granted: 'badge badge--on',
    denied: 'badge badge--off',
    withdrawn: 'badge badge--off',
  };
  return <span className={look[status]}>{t(`caseContent.procedure.statuses.${status}`)}</span>;
}

export function DemandEntry({
  item,
  date = item.requestedOn,
  kind,
  actions,
  attachments,
}: EntryProps<Demand>) {
  const { t } = useTranslation();
  return (
    <EntryShell
      kindCode="demand"
      kind={kind}
      title={item.type.name}
      date={date}
      facts={[
        t('caseContent.entry.person', { name: item.person.name }),
        item.author && t('caseContent.demand.by', { name: item.author.name }),
      ]}
      text={item.description}
      actions={actions}
      attachments={attachments}
    />
  );
}

export function ProblemEntry({
  item,
  date = item.startedOn,
  kind,
  actions,
  attachments,
}: EntryProps<Problem>) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  return (
    <EntryShell
      kindCode="problem"
      kind={kind}
      title={item.type.name}
      badge={
        <span className={item.active ? 'badge badge--pending' : 'badge badge--off'}>
          {item.active
            ? t('caseContent.problem.states.active')
            : t('caseContent.problem.states.inactive')}
        </span>
      }
      date={date}
      facts={[
        t('caseContent.entry.person', { name: item.person.name }),
        item.author && t('caseContent.problem.by', { name: item.author.name }),
      ]}
      lines={[
        // The day it is filed under says it already, unless the timeline files it otherwise.
        item.startedOn !== date &&
          t('caseContent.problem.started', { date: formatDate(item.startedOn) }),
        item.endedOn && t('caseContent.problem.ended', { date: formatDate(item.endedOn) }),
      ]}
      text={item.notes}
      actions={actions}
      attachments={attachments}
    />
  );
}

/** An amount in euros, or hours a week, in the console's language. */
function useAmountFormat() {
  const { t, i18n } = useTranslation();
  const euros = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR' });
  const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (amount: number | null, unit: Resource['unit']) => {
    if (amount === null || unit === null) return null;
    return unit === 'euros'
      ? euros.format(amount)
      : t('caseContent.resource.hoursPerWeek', { count: amount, hours: hours.format(amount) });
  };
}

export function ResourceEntry({
  item,
  date = item.startsOn ?? undefined,
  kind,
  actions,
  attachments,
}: EntryProps<Resource>) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const formatAmount = useAmountFormat();
  return (
    <EntryShell
      kindCode="resource"
      kind={kind}
      title={item.type.name}
      badge={<ResourceStateBadge state={item.state} />}
      date={date ?? null}
      facts={[
        t('caseContent.entry.person', { name: item.person.name }),
        formatAmount(item.amount, item.unit),
        item.author && t('caseContent.resource.by', { name: item.author.name }),
      ]}
      lines={[
        item.startsOn &&
          item.startsOn !== date &&
          t('caseContent.resource.starts', { date: formatDate(item.startsOn) }),
        item.endsOn && t('caseContent.resource.ends', { date: formatDate(item.endsOn) }),
      ]}
      text={item.notes}
      actions={actions}
      attachments={attachments}
    />
  );
}

export function ProcedureEntry({
  item,
  date = item.filedOn ?? undefined,
  kind,
  actions,
  attachments,
}: EntryProps<Procedure>) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  return (
    <EntryShell
      kindCode="procedure"
      kind={kind}
      title={item.type.name}
      badge={<ProcedureStatusBadge status={item.status} />}
      date={date ?? null}
      facts={[
        t('caseContent.entry.person', { name: item.person.name }),
        item.administration,
        item.reference && t('caseContent.procedure.referenceIs', { reference: item.reference }),
      ]}
      lines={[
        item.filedOn &&
          item.filedOn !== date &&
          t('caseContent.procedure.filed', { date: formatDate(item.filedOn) }),
        item.answeredOn &&
          t('caseContent.procedure.answered', { date: formatDate(item.answeredOn) }),
        item.author && t('caseContent.procedure.by', { name: item.author.name }),
      ]}
      text={item.notes}
      actions={actions}
      attachments={attachments}
    />
  );
}

/** A plan, as the timeline shows it (the Plans tab has its own view); its title says its kind. */
export function PlanEntry({ item, date = item.startedOn, attachments }: EntryProps<Plan>) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const done = item.actions.filter((action) => action.done).length;
  return (
    <EntryShell
      kindCode="plan"
      title={t('caseContent.kinds.plan')}
      badge={
        <span className={item.state === 'active' ? 'badge badge--on' : 'badge badge--off'}>
          {t(`caseContent.plan.states.${item.state}`)}
        </span>
      }
      date={date}
      facts={[
        item.author && t('caseContent.plan.by', { name: item.author.name }),
        item.signedByPerson && t('caseContent.plan.signed'),
      ]}
      lines={[
        item.nextReviewOn &&
          t('caseContent.plan.nextReview', { date: formatDate(item.nextReviewOn) }),
        item.actions.length > 0 &&
          t('caseContent.plan.actionsDone', { done, count: item.actions.length }),
      ]}
      text={item.objectives}
      textLabel={t('caseContent.plan.objectives')}
      attachments={attachments}
    />
  );
}

/** One entry of the timeline, whatever its kind, with its kind said and its documents. */
export function TimelineItem({ entry, caseFile }: { entry: TimelineEntry; caseFile: CaseFile }) {
  const { t } = useTranslation();
  const kind = t(`caseContent.kinds.${entry.kind}`);
  const attachments = (
    <EntryAttachments caseFile={caseFile} kind={entry.kind} itemId={entry.item.id} />
  );
  const common = { date: entry.date, kind, attachments };
  switch (entry.kind) {
    case 'intervention':
      // What the system recorded by itself (opened, closed…) holds no documents.
      return (
        <InterventionEntry
          item={entry.item}
          kind={kind}
          attachments={entry.item.event === null ? attachments : undefined}
        />
      );
    case 'demand':
      return <DemandEntry item={entry.item} {...common} />;
    case 'problem':
      return <ProblemEntry item={entry.item} {...common} />;
    case 'resource':
      return <ResourceEntry item={entry.item} {...common} />;
    case 'procedure':
      return <ProcedureEntry item={entry.item} {...common} />;
    case 'plan':
      return <PlanEntry item={entry.item} date={entry.date} attachments={attachments} />;
  }
}
