import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import styles from '../messaging.module.css';

/** The notice on every page of the demo mailbox: nothing in it was really sent. */
export function DemoBanner() {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className={styles.demoBanner} role="note" aria-labelledby={titleId}>
      <svg
        className={styles.demoBannerIcon}
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
      >
        <path
          d="M4 6h16v12H4zM4 7l8 6 8-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
      </svg>
      <div>
        <p id={titleId} className={styles.demoBannerTitle}>
          {t('messaging.demoBanner.title')}
        </p>
        <p className={styles.demoBannerBody}>{t('messaging.demoBanner.body')}</p>
      </div>
    </div>
  );
}
