import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, SecondFactorChallenge } from '@caliu/common';
import { ApiError } from '@/lib/api-client';
import { isChallenge, useLogin } from '../api/login';
import { rememberedEntity, rememberEntity } from '../remembered-entity';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass, alertListClass } from '@/components/ui/alert';

type Field = 'entity' | 'username' | 'password';

/** Who signs in, as typed (or filled in after an activation). */
export type LoginIdentity = { entity: string; username: string };

type LoginFormProps = {
  /** Values to start with; the password field takes the focus when the username is given. */
  initial?: Partial<LoginIdentity> | undefined;
  onSignedIn: (me: Me) => void;
  /** The account has a second factor: the sign-in goes on with a code. */
  onChallenge: (challenge: SecondFactorChallenge, identity: LoginIdentity) => void;
};

/** The sign-in form: entity, username and password; errors come translated from the server. */
export function LoginForm({ initial, onSignedIn, onChallenge }: LoginFormProps) {
  const { t } = useTranslation();
  const login = useLogin();
  const [initialEntity] = useState(() => initial?.entity ?? rememberedEntity());
  const alertRef = useRef<HTMLDivElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const prefilled = Boolean(initial?.username);
  const idPrefix = useId();
  const fieldId = (field: Field) => `${idPrefix}-${field}`;

  const error = login.error;
  const apiError = error instanceof ApiError ? error : null;
  const fieldMessages = new Map<string, string>();
  for (const detail of apiError?.details ?? []) {
    if (detail.field && !fieldMessages.has(detail.field)) {
      fieldMessages.set(detail.field, detail.message);
    }
  }

  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  useEffect(() => {
    if (prefilled) passwordRef.current?.focus();
  }, [prefilled]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (field: Field) => String(data.get(field) ?? '');
    const credentials = {
      entity: value('entity').trim(),
      username: value('username').trim(),
      password: value('password'),
    };
    login.mutate(credentials, {
      onSuccess: (answer) => {
        rememberEntity(credentials.entity);
        if (isChallenge(answer)) {
          onChallenge(answer, { entity: credentials.entity, username: credentials.username });
        } else {
          onSignedIn(answer);
        }
      },
    });
  };

  const fieldProps = (field: Field) => {
    const message = fieldMessages.get(field);
    return {
      id: fieldId(field),
      name: field,
      'aria-required': true,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${fieldId(field)}-error` : undefined,
    };
  };
  const fieldError = (field: Field) => {
    const message = fieldMessages.get(field);
    return message ? (
      <p id={`${fieldId(field)}-error`} className="field__error">
        {message}
      </p>
    ) : null;
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={`${idPrefix}-intro`}>
      <p id={`${idPrefix}-intro`} className={fieldCss.formIntro}>
        {t('auth.intro')}
      </p>
      {error && (
        <div ref={alertRef} role="alert" tabIndex={-1} className={alertClass('error')}>
          <p className={alertTitleClass}>{error.message}</p>
          {apiError && apiError.details.length > 0 && (
            <ul className={alertListClass}>
              {apiError.details.map((detail, index) => (
                <li key={`${detail.field ?? ''}-${index}`}>{detail.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className={cx(fieldCss.field, 'field')}>
        <label htmlFor={fieldId('entity')}>{t('auth.fields.entityCodeOrName')}</label>
        <p id={`${fieldId('entity')}-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {t('auth.entityHint')}
        </p>
        <input
          {...fieldProps('entity')}
          aria-describedby={[`${fieldId('entity')}-hint`, fieldProps('entity')['aria-describedby']]
            .filter(Boolean)
            .join(' ')}
          type="text"
          autoComplete="organization"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={initialEntity}
        />
        {fieldError('entity')}
      </div>
      <div className={cx(fieldCss.field, 'field')}>
        <label htmlFor={fieldId('username')}>{t('auth.fields.username')}</label>
        <input
          {...fieldProps('username')}
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={initial?.username ?? ''}
        />
        {fieldError('username')}
      </div>
      <div className={cx(fieldCss.field, 'field')}>
        <label htmlFor={fieldId('password')}>{t('auth.fields.password')}</label>
        <input
          {...fieldProps('password')}
          ref={passwordRef}
          type="password"
          autoComplete="current-password"
        />
        {fieldError('password')}
      </div>
      <button type="submit" className={buttonClass({ wide: true })} disabled={login.isPending}>
        {login.isPending ? t('auth.submitting') : t('auth.submit')}
      </button>
    </form>
  );
}
