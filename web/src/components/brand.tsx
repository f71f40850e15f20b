import { useTranslation } from 'react-i18next';
import styles from './brand.module.css';

/** The product's mark and name. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <span className={styles.brand}>
      <svg className={styles.brandMark} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <path
          d="M16 4c1.6 4.8 7.5 8 7.5 14.4a7.5 7.5 0 0 1-15 0c0-3.4 1.8-5.7 3.6-7.5.3 2.5 1.5 4 3.1 4.6C14.4 11.7 14.2 7.8 16 4z"
          fill="currentColor"
        />
        <path
          d="M16 16.5c.9 2.3 3.4 3.6 3.4 6.3a3.4 3.4 0 0 1-6.8 0c0-1.9 1.5-3.2 3.4-6.3z"
          className={styles.brandCore}
        />
      </svg>
      <span className="brand__name">{t('app.name')}</span>
    </span>
  );
}
