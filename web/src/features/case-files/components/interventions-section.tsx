import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { Notice } from '@/components/ui/alert';
import { InterventionForm } from './intervention-form';
import { InterventionTimeline } from './intervention-timeline';
import { SectionCard } from './section-card';

/**
 * The Interventions tab of a case file: the form to record an intervention, while the case file
 * is open, and the list of those recorded.
 */
export function InterventionsSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const formId = useId();
  // Each recording starts a new, empty form (and its draft).
  const [recorded, setRecorded] = useState(0);
  return (
    <>
      <SectionCard title={t('caseFiles.intervention.title')} headingId={formId}>
        {recorded > 0 && <Notice key={recorded}>{t('caseFiles.intervention.recorded')}</Notice>}
        {caseFile.can.addContent ? (
          <InterventionForm
            key={recorded}
            caseFile={caseFile}
            labelledBy={formId}
            onRecorded={() => setRecorded((n) => n + 1)}
          />
        ) : (
          <p className="muted">
            {caseFile.state === 'closed'
              ? t('caseFiles.intervention.closed')
              : t('caseFiles.intervention.notAllowed')}
          </p>
        )}
      </SectionCard>
      <InterventionTimeline caseFile={caseFile} />
    </>
  );
}
