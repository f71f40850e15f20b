import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onSupportRequest } from '@/lib/support-request';
import { SupportPanel } from './support-panel';
import type { PanelView } from './support-panel';
import styles from '../support.module.css';

/** The floating support button at the right end of the navigation bar, and its panel. */
export function SupportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<PanelView>({ name: 'tickets' });
  const buttonRef = useRef<HTMLButtonElement>(null);
  const onClose = () => {
    setOpen(false);
    setView({ name: 'tickets' });
    buttonRef.current?.focus();
  };
  // Another page (a pair of the duplicates list) may open the panel on a prefilled form.
  useEffect(
    () =>
      onSupportRequest((start) => {
        setView({ name: 'new', start });
        setOpen(true);
      }),
    [],
  );

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={styles.supportButton}
        aria-label={t('support.button')}
        title={t('support.button')}
        aria-haspopup="dialog"
        onClick={() => {
          setView({ name: 'tickets' });
          setOpen(true);
        }}
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M4 13v-1a8 8 0 0 1 16 0v1M4 13a2 2 0 0 1 2-2h1v6H6a2 2 0 0 1-2-2zM20 13a2 2 0 0 0-2-2h-1v6h1a2 2 0 0 0 2-2zM17 17c0 2-2 3-5 3"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      <SupportPanel open={open} onClose={onClose} view={view} onViewChange={setView} />
    </>
  );
}
