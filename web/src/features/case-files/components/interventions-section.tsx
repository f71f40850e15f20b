import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { Notice } from '@/components/ui/alert';
import { cx } from '@/lib/cx';
import { InterventionForm } from './intervention-form';
import { InterventionTimeline } from './intervention-timeline';
import styles from '../case-files.module.css';

/**
 * The content of a case file (for its professionals and its team's coordinators): the form to
 * record an intervention, while the case file is open, and the timeline of those recorded.
 */
export function InterventionsSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const formId = useId();
  // Each recording starts a new, empty form (and its draft).
  const [recorded, setRecorded] = useState(0);
  return (
    <>
      <section className={cx(styles.section, 'card')} aria-labelledby={formId}>
        <h2 id={formId} className="section-title">
          {t('caseFiles.intervention.title')}
        </h2>
        {recorded > 0 && <Notice key={recorded}>{t('caseFiles.intervention.recorded')}</Notice>}
        {caseFile.can.addContent ? (
          <InterventionForm
            key={recorded}
            caseFile={caseFile}
            onRecorded={() => setRecorded((n) => n + 1)}
          />
        ) : (
          <p className="muted">
            {caseFile.state === 'closed'
              ? t('caseFiles.intervention.closed')
              : t('caseFiles.intervention.notAllowed')}
          </p>
        )}
      </section>
      <InterventionTimeline caseFile={caseFile} />
    </>
  );
}
