import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@caliu/common';
import type { FieldErrors } from '@/lib/form-errors';
import { checkPassword, usePasswordRules } from '@/lib/password-policy';
import { FormField } from './ui/form-field';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from './new-password-fields.module.css';

/** The two fields of a new password, by the names the API and the forms use. */
export type NewPasswordValue = { password: string; repeat: string };

type NewPasswordFieldsProps = {
  idPrefix: string;
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  /** Problems to show next to each field (the form's, after a submit, or the server's). */
  errors: FieldErrors;
  /** The label of the first field ("New password", "Password"). */
  label?: string;
};

/** The problems of a new password, in words, by field (empty when it is acceptable). */
export function useNewPasswordProblems() {
  const { t } = useTranslation();
  const rules = usePasswordRules();
  return (value: NewPasswordValue): FieldErrors => {
    const check = checkPassword(value.password, rules);
    const errors: FieldErrors = {};
    if (!value.password) errors.password = t('password.errors.required');
    else if (!check.longEnough)
      errors.password = t('password.errors.tooShort', { min: PASSWORD_MIN_LENGTH });
    else if (check.notCommon === false) errors.password = t('password.errors.common');
    else if (check.notGuessable === false) errors.password = t('password.errors.guessable');
    if (value.password && value.repeat !== value.password) {
      errors.repeat = t('password.errors.mismatch');
    }
    return errors;
  };
}

/**
 * A new password and its repetition, with the rules it must meet checked as the user types: at
 * least 12 characters, not one of the most common passwords (the list the server uses), not easy
 * to guess (the server's estimator), the same twice.
 */
export function NewPasswordFields({
  idPrefix,
  value,
  onChange,
  errors,
  label,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const loaded = usePasswordRules();
  const [visible, setVisible] = useState(false);
  // The estimator takes tens of milliseconds: once per password typed, not per render.
  const check = useMemo(() => checkPassword(value.password, loaded), [value.password, loaded]);
  const rulesId = `${idPrefix}-rules`;
  const rules = [
    {
      key: 'length',
      met: check.longEnough,
      text: t('password.rules.length', { min: PASSWORD_MIN_LENGTH }),
    },
    {
      key: 'common',
      met: value.password !== '' && check.notCommon === true,
      text: t('password.rules.common'),
    },
    {
      key: 'guessable',
      met: value.password !== '' && check.notGuessable === true,
      text: t('password.rules.guessable'),
    },
    {
      key: 'match',
      met: value.password !== '' && value.repeat === value.password,
      text: t('password.rules.match'),
    },
  ];
  const type = visible ? 'text' : 'password';
  return (
    <div className={styles.newPassword}>
      <FormField
        id={`${idPrefix}-password`}
        label={label ?? t('password.new')}
        required
        describedBy={rulesId}
        error={errors.password}
      >
        {(control) => (
          <input
            {...control}
            name="newPassword"
            type={type}
            autoComplete="new-password"
            value={value.password}
            onChange={(event) => onChange({ ...value, password: event.target.value })}
          />
        )}
      </FormField>
      <div id={rulesId} className={styles.passwordRules}>
        <p className={styles.passwordRulesTitle}>{t('password.rulesTitle')}</p>
        <ul className={styles.passwordRulesList}>
          {rules.map((rule) => (
            <li
              key={rule.key}
              className={rule.met ? 'password-rule password-rule--met' : 'password-rule'}
            >
              <RuleIcon met={rule.met} />
              <span>{rule.text}</span>
              <span className="visually-hidden">
                {rule.met ? t('password.ruleMet') : t('password.ruleNotMet')}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <FormField
        id={`${idPrefix}-repeat`}
        label={t('password.repeat')}
        required
        error={errors.repeat}
      >
        {(control) => (
          <input
            {...control}
            name="repeatPassword"
            type={type}
            autoComplete="new-password"
            value={value.repeat}
            onChange={(event) => onChange({ ...value, repeat: event.target.value })}
          />
        )}
      </FormField>
      <label className={cx(fieldCss.checkbox, 'checkbox')}>
        <input
          type="checkbox"
          checked={visible}
          onChange={(event) => setVisible(event.target.checked)}
        />
        <span>{t('password.show')}</span>
      </label>
    </div>
  );
}

function RuleIcon({ met }: { met: boolean }) {
  return (
    <svg
      className={styles.passwordRuleIcon}
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
    >
      {met ? (
        <path
          d="M4 10.5l4 4 8-9"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : (
        <circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" strokeWidth="1.8" />
      )}
    </svg>
  );
}
