import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The notice on every page of the demo mailbox: nothing in it was really sent. */
export function DemoBanner() {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className="demo-banner" role="note" aria-labelledby={titleId}>
      <svg className="demo-banner__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M4 6h16v12H4zM4 7l8 6 8-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
      </svg>
      <div>
        <p id={titleId} className="demo-banner__title">
          {t('messaging.demoBanner.title')}
        </p>
        <p className="demo-banner__body">{t('messaging.demoBanner.body')}</p>
      </div>
    </div>
  );
}
