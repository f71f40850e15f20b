import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestStart } from '@/lib/support-request';
import { NewRequest } from './new-request';
import { TicketList } from './ticket-list';
import { TicketView } from './ticket-view';
import styles from '../support.module.css';
import { buttonClass, iconButtonClass } from '@/components/ui/button';

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

/** What the panel shows: the user's tickets, a new request, or one ticket. */
export type PanelView =
  | { name: 'tickets' }
  | { name: 'new'; start: SupportRequestStart | null }
  | { name: 'ticket'; id: string };

type SupportPanelProps = {
  open: boolean;
  onClose: () => void;
  view: PanelView;
  onViewChange: (view: PanelView) => void;
};

/**
 * The support side sheet: a modal dialog (Escape closes it) with the user's own tickets (open
 * ones first), "New request" and its forms, and one ticket's page.
 */
export function SupportPanel({ open, onClose, view, onViewChange }: SupportPanelProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Back on the list from a form or a ticket, the focus goes to "New request" (what it left is gone).
  const newRequestRef = useRef<HTMLButtonElement>(null);
  const shownView = useRef(view.name);
  useEffect(() => {
    if (shownView.current !== view.name && view.name === 'tickets') newRequestRef.current?.focus();
    shownView.current = view.name;
  }, [view.name]);

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
            {view.name === 'tickets' && (
              <>
                <p className="muted">{t('support.intro')}</p>
                <p>
                  <button
                    ref={newRequestRef}
                    type="button"
                    className={buttonClass()}
                    onClick={() => onViewChange({ name: 'new', start: null })}
                  >
                    {t('support.newRequest')}
                  </button>
                </p>
                <TicketList
                  headingId={ticketsHeadingId}
                  onOpen={(id) => onViewChange({ name: 'ticket', id })}
                />
              </>
            )}
            {view.name === 'new' && (
              <NewRequest
                start={view.start}
                onDone={() => onViewChange({ name: 'tickets' })}
                onOpenTicket={(id) => onViewChange({ name: 'ticket', id })}
              />
            )}
            {view.name === 'ticket' && (
              <TicketView id={view.id} onBack={() => onViewChange({ name: 'tickets' })} />
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
