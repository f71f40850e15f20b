import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '@/lib/format';
import type { FormDraft } from '@/lib/use-form-draft';
import { alertClass, alertTitleClass } from './alert';
import { buttonClass } from './button';
import { ConfirmDialog } from './confirm-dialog';

/**
 * What every form shows of its draft (lib/use-form-draft): the offer of a draft kept from before,
 * and the question before leaving with unsaved changes.
 */
export function FormDraftNotices<T>({ draft }: { draft: FormDraft<T> }) {
  return (
    <>
      <DraftOffer draft={draft} />
      <LeaveDialog draft={draft} />
    </>
  );
}

function DraftOffer<T>({ draft }: { draft: FormDraft<T> }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const ref = useRef<HTMLDivElement>(null);
  const shown = draft.offer !== null;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!draft.offer) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status" className={alertClass('info')}>
      <p className={alertTitleClass}>{t('drafts.offerTitle')}</p>
      <p>{t('drafts.offerBody', { time: formatDateTime(draft.offer.savedAt.toISOString()) })}</p>
      <p className="actions">
        <button type="button" className={buttonClass()} onClick={draft.restore}>
          {t('drafts.restore')}
        </button>
        <button
          type="button"
          className={buttonClass({ variant: 'secondary' })}
          onClick={draft.discard}
        >
          {t('drafts.discard')}
        </button>
      </p>
    </div>
  );
}

function LeaveDialog<T>({ draft }: { draft: FormDraft<T> }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      open={draft.blocker.state === 'blocked'}
      title={t('drafts.leaveTitle')}
      stayLabel={t('drafts.stay')}
      onStay={() => draft.blocker.reset?.()}
      proceedLabel={t('drafts.leave')}
      onProceed={draft.leave}
    >
      <p>{t('drafts.leaveBody')}</p>
    </ConfirmDialog>
  );
}
