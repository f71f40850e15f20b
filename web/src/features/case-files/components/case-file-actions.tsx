import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { Button, buttonClass } from '@/components/ui/button';
import { CloseDialog, ReopenDialog } from './state-dialogs';
import styles from '../case-files.module.css';

/** What the page says after a change made from its header. */
export type StateChange = 'closed' | 'reopened';

/** What the user may do with the header, as its `can` flags say: edit it, close or reopen it. */
export function CaseFileActions({
  caseFile,
  onChanged,
}: {
  caseFile: CaseFile;
  onChanged: (change: StateChange) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'close' | 'reopen' | null>(null);
  if (!caseFile.can.edit) return null;
  const done = (change: StateChange) => {
    setAsking(null);
    onChanged(change);
  };
  return (
    <div className={styles.actions}>
      <Link
        to={`/case-files/${caseFile.id}/edit`}
        className={buttonClass()}
        aria-label={t('caseFiles.actions.editNamed', { number: caseFile.number })}
      >
        {t('caseFiles.actions.edit')}
      </Link>
      {caseFile.state === 'open' ? (
        <Button variant="secondary" onClick={() => setAsking('close')}>
          {t('caseFiles.actions.close')}
        </Button>
      ) : (
        <Button variant="secondary" onClick={() => setAsking('reopen')}>
          {t('caseFiles.actions.reopen')}
        </Button>
      )}
      <CloseDialog
        caseFile={caseFile}
        open={asking === 'close'}
        onDismiss={() => setAsking(null)}
        onDone={() => done('closed')}
      />
      <ReopenDialog
        caseFile={caseFile}
        open={asking === 'reopen'}
        onDismiss={() => setAsking(null)}
        onDone={() => done('reopened')}
      />
    </div>
  );
}
