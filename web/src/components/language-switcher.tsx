import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '@caliu/common';
import type { Language } from '@caliu/common';
import { LANGUAGE_NAMES } from '@/lib/languages';
import { cx } from '@/lib/cx';
import styles from './language-switcher.module.css';

type LanguageSwitcherProps = {
  onSelect: (language: Language) => void;
  /** Keep the label for screen readers only (a globe icon stands for it). */
  compact?: boolean;
  disabled?: boolean;
};

/** A select of the console's languages, each named in its own language. */
export function LanguageSwitcher({ onSelect, compact = false, disabled }: LanguageSwitcherProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={cx(styles.languageSwitcher, compact && styles.languageSwitcherCompact)}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {t('language.label')}
      </label>
      {compact && <GlobeIcon />}
      <select
        id={id}
        value={i18n.language}
        disabled={disabled}
        onChange={(event) => {
          if (isLanguage(event.target.value)) onSelect(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}

function GlobeIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path
        d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      />
    </svg>
  );
}
