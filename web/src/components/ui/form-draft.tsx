import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '@/lib/format';
import type { FormDraft } from '@/lib/use-form-draft';
import { alertClass, alertTitleClass } from './alert';
import { buttonClass } from './button';
import { useModalDialog } from './dialog';

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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const open = draft.blocker.state === 'blocked';
  useModalDialog(ref, open);
  const stay = () => draft.blocker.reset?.();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        stay();
      }}
    >
      {open && (
        <div className="dialog__body">
          <h2 id={titleId} className="dialog__title">
            {t('drafts.leaveTitle')}
          </h2>
          <p id={bodyId}>{t('drafts.leaveBody')}</p>
          <div className="dialog__actions">
            <button type="button" className={buttonClass()} onClick={stay} autoFocus>
              {t('drafts.stay')}
            </button>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              onClick={draft.leave}
            >
              {t('drafts.leave')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
