import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TicketList } from './ticket-list';
import styles from '../support.module.css';
import { iconButtonClass } from '@/components/ui/button';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside the panel. */
function trapFocus(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

type SupportPanelProps = { open: boolean; onClose: () => void };

/**
 * The support side sheet: a modal dialog (Escape closes it) listing the user's own tickets.
 * The form to open a new ticket belongs in the NEW TICKET FORM slot below.
 */
export function SupportPanel({ open, onClose }: SupportPanelProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const titleId = useId();
  const ticketsHeadingId = useId();
  return (
    <dialog
      ref={ref}
      className={styles.sheet}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={trapFocus}
      onClick={(event) => {
        // A click on the backdrop (outside the sheet's content) closes it.
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
    >
      {open && (
        <div className={styles.sheetContent}>
          <header className={styles.sheetHeader}>
            <h2 id={titleId} className={styles.sheetTitle}>
              {t('support.title')}
            </h2>
            <form method="dialog">
              <button type="submit" className={iconButtonClass} aria-label={t('common.close')}>
                <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path
                    d="M6 6l12 12M18 6L6 18"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                    strokeLinecap="round"
                  />
                </svg>
              </button>
            </form>
          </header>
          <div className={styles.sheetBody}>
            <p className="muted">{t('support.intro')}</p>
            {/* NEW TICKET FORM: the support-ticket issue adds <NewTicketForm /> here. */}
            <TicketList headingId={ticketsHeadingId} />
          </div>
        </div>
      )}
    </dialog>
  );
}
