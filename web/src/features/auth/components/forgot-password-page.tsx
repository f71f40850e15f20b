import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useRequestPasswordReset } from '../api/request-password-reset';
import { rememberedEntity } from '../remembered-entity';
import { PublicPage } from '@/components/public-page';
import fieldCss from '@/components/ui/form-field.module.css';
import { buttonClass } from '@/components/ui/button';

type Field = 'entity' | 'email';

/**
 * A forgotten password: the entity and the email of the account. The answer is the same whether
 * or not such an account exists, so that the page cannot be used to find out who works where.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [values, setValues] = useState(() => ({ entity: rememberedEntity(), email: '' }));
  const [problems, setProblems] = useState<FieldErrors>({});
  const doneRef = useRef<HTMLDivElement>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const id = useId();

  useEffect(() => {
    if (request.isSuccess) doneRef.current?.focus();
  }, [request.isSuccess]);

  const errors = { ...serverFieldErrors(request.error), ...problems };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const entity = values.entity.trim();
    const email = values.email.trim();
    const found: FieldErrors = {};
    if (!entity) found.entity = t('account.forgot.errors.entity');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) found.email = t('account.forgot.errors.email');
    setProblems(found);
    const first = (['entity', 'email'] as const).find((field) => found[field]);
    if (first) {
      request.reset();
      inputs.current[first]?.focus();
      return;
    }
    request.mutate({ entity, email });
  };

  if (request.isSuccess) {
    return (
      <PublicPage title={t('account.forgot.title')}>
        <div ref={doneRef} tabIndex={-1} role="status" className={alertClass('info')}>
          <p className={alertTitleClass}>{t('account.forgot.sentTitle')}</p>
          <p>{t('account.forgot.sent')}</p>
        </div>
        <p className="login-card__links">
          <Link to="/login">{t('account.backToLogin')}</Link>
        </p>
      </PublicPage>
    );
  }

  const field = (name: Field, label: string, type: string, autoComplete: string) => (
    <FormField id={`${id}-${name}`} label={label} error={errors[name]} required>
      {(control) => (
        <input
          {...control}
          ref={(element) => {
            inputs.current[name] = element;
          }}
          name={name}
          type={type}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          value={values[name]}
          onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        />
      )}
    </FormField>
  );

  return (
    <PublicPage title={t('account.forgot.title')}>
      <p className={fieldCss.formIntro}>{t('account.forgot.intro')}</p>
      <ErrorAlert error={request.error} shownByFields={['entity', 'email']} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {field('entity', t('auth.fields.entityCodeOrName'), 'text', 'organization')}
        {field('email', t('account.forgot.email'), 'email', 'email')}
        <button type="submit" className={buttonClass({ wide: true })} disabled={request.isPending}>
          {request.isPending ? t('account.forgot.submitting') : t('account.forgot.submit')}
        </button>
      </form>
      <p className="login-card__links">
        <Link to="/login">{t('account.backToLogin')}</Link>
      </p>
    </PublicPage>
  );
}
