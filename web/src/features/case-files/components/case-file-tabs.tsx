import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { TabList, tabPanelProps } from '@/components/ui/tabs';
import { CONTENT_TABS, searchWithTab, tabOf } from '../content-tabs';
import type { ContentTab } from '../content-tabs';
import { DemandsSection } from './demands-section';
import { InterventionsSection } from './interventions-section';
import { PlansSection } from './plans-section';
import { ProblemsSection } from './problems-section';
import { ProceduresSection } from './procedures-section';
import { ResourcesSection } from './resources-section';
import { TimelineSection } from './timeline-section';
import styles from '../case-files.module.css';

/**
 * The content of a case file as tabs: the timeline of everything (the default), then each kind.
 * The chosen tab is in the address (`?tab=demands`), so that a reload or the Back button keeps
 * it: a click is a step Back undoes, moving along the tabs with the keys is not. Only the chosen
 * tab is drawn: each list read is audited, so nothing is read that is not shown.
 */
export function CaseFileTabs({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const id = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = tabOf(searchParams.get('tab'));
  const choose = (tab: ContentTab, how: 'click' | 'key') => {
    if (tab === selected) return;
    setSearchParams((current) => searchWithTab(current, tab), {
      replace: how === 'key',
      preventScrollReset: true,
    });
  };
  return (
    <>
      <TabList
        label={t('caseContent.tabs.label')}
        tabs={CONTENT_TABS}
        labelOf={(tab) => t(`caseContent.tabs.${tab}`)}
        selected={selected}
        onSelect={choose}
        idPrefix={id}
        panels="selected"
        className={styles.tabs}
      />
      <div key={selected} {...tabPanelProps(id, selected)} tabIndex={0} className={styles.tabPanel}>
        <TabContent tab={selected} caseFile={caseFile} />
      </div>
    </>
  );
}

function TabContent({ tab, caseFile }: { tab: ContentTab; caseFile: CaseFile }) {
  switch (tab) {
    case 'timeline':
      return <TimelineSection caseFile={caseFile} />;
    case 'interventions':
      return <InterventionsSection caseFile={caseFile} />;
    case 'demands':
      return <DemandsSection caseFile={caseFile} />;
    case 'problems':
      return <ProblemsSection caseFile={caseFile} />;
    case 'resources':
      return <ResourcesSection caseFile={caseFile} />;
    case 'procedures':
      return <ProceduresSection caseFile={caseFile} />;
    case 'plans':
      return <PlansSection caseFile={caseFile} />;
  }
}
