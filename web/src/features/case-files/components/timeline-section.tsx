import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_KINDS } from '@caliu/common';
import type { CaseFile, ContentKind } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { Button } from '@/components/ui/button';
import { useProfessionals } from '../api/get-professionals';
import { useTimeline } from '../api/get-timeline';
import {
  ALL_OF_THE_TIMELINE,
  isFiltered,
  timelineFilterProblem,
  type TimelineFilters,
} from '../timeline-filters';
import { TimelineItem } from './content-entries';
import { EntryFeed } from './entry-feed';
import { InputField, SelectField } from './fields';
import { SectionCard } from './section-card';
import styles from '../case-files.module.css';

/** The tab that names each kind, in the filter's boxes. */
const TAB_OF = {
  intervention: 'interventions',
  demand: 'demands',
  problem: 'problems',
  resource: 'resources',
  procedure: 'procedures',
  plan: 'plans',
} as const satisfies Record<ContentKind, string>;

/**
 * Everything recorded in the case file, most recent first, whatever its kind (interventions,
 * demands, problems, resources, procedures, plans), narrowed by kind, professional and period.
 * Filters that cannot be asked (no kind, a period that ends before it starts) say why and leave
 * the last entries shown.
 */
export function TimelineSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<TimelineFilters>(ALL_OF_THE_TIMELINE);
  const [asked, setAsked] = useState<TimelineFilters>(ALL_OF_THE_TIMELINE);
  const problem = timelineFilterProblem(filters);
  const timeline = useTimeline(caseFile.id, asked, caseFile.can.viewContent);
  const change = (next: TimelineFilters) => {
    setFilters(next);
    if (!timelineFilterProblem(next)) setAsked(next);
  };
  return (
    <SectionCard title={t('caseContent.timeline.title')}>
      <TimelineFiltersForm
        caseFile={caseFile}
        filters={filters}
        problem={problem}
        onChange={change}
      />
      <EntryFeed
        query={timeline}
        keyOf={(entry) => `${entry.kind}:${entry.item.id}`}
        className="case-file-all-timeline"
        stale={timeline.isPlaceholderData || problem !== null}
        empty={
          isFiltered(asked)
            ? t('caseContent.timeline.emptyFiltered')
            : t('caseContent.timeline.empty')
        }
        more={t('caseContent.timeline.more')}
        loadingMore={t('caseContent.loadingMore')}
      >
        {(entry) => <TimelineItem entry={entry} caseFile={caseFile} />}
      </EntryFeed>
    </SectionCard>
  );
}

/**
 * The professionals to filter by: the case file's referent and assigned professionals first,
 * then the entity's other technicians and coordinators (a coordinator who stepped in).
 */
function useProfessionalOptions(caseFile: CaseFile) {
  const professionals = useProfessionals();
  const own = [...(caseFile.referent ? [caseFile.referent] : []), ...caseFile.assigned];
  const seen = new Set(own.map((p) => p.id));
  const others = (professionals.data ?? []).filter((p) => !seen.has(p.id));
  return [...own, ...others].map((p) => ({ value: p.id, label: p.name }));
}

function TimelineFiltersForm({
  caseFile,
  filters,
  problem,
  onChange,
}: {
  caseFile: CaseFile;
  filters: TimelineFilters;
  problem: ReturnType<typeof timelineFilterProblem>;
  onChange: (filters: TimelineFilters) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const professionals = useProfessionalOptions(caseFile);
  return (
    <form
      className={styles.timelineFilters}
      role="search"
      aria-label={t('caseContent.timeline.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
      <CheckboxList
        id={`${id}-kinds`}
        name="kinds"
        legend={t('caseContent.timeline.kinds')}
        error={problem === 'no_kinds' ? t('caseContent.timeline.noKinds') : undefined}
        options={CONTENT_KINDS.map((kind) => ({
          value: kind,
          label: t(`caseContent.tabs.${TAB_OF[kind]}`),
        }))}
        selected={filters.kinds}
        onChange={(kinds) => onChange({ ...filters, kinds: kinds as ContentKind[] })}
      />
      <div className={styles.timelineFiltersRow}>
        <SelectField
          id={`${id}-professionalId`}
          name="professionalId"
          label={t('caseContent.timeline.professional')}
          hint={t('caseContent.timeline.professionalHint')}
          value={filters.professionalId}
          empty={t('caseContent.timeline.anyProfessional')}
          options={professionals}
          onChange={(professionalId) => onChange({ ...filters, professionalId })}
        />
        <InputField
          id={`${id}-from`}
          name="from"
          type="date"
          label={t('caseContent.timeline.from')}
          value={filters.from}
          max={filters.to || undefined}
          onChange={(from) => onChange({ ...filters, from })}
        />
        <InputField
          id={`${id}-to`}
          name="to"
          type="date"
          label={t('caseContent.timeline.to')}
          value={filters.to}
          min={filters.from || undefined}
          error={problem === 'period' ? t('caseContent.timeline.period') : undefined}
          onChange={(to) => onChange({ ...filters, to })}
        />
      </div>
      {isFiltered(filters) && (
        <p>
          <Button variant="secondary" small onClick={() => onChange(ALL_OF_THE_TIMELINE)}>
            {t('caseContent.timeline.clear')}
          </Button>
        </p>
      )}
    </form>
  );
}
