import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useSendHelpRequest } from '../api/public-help';
import { SecurityCheckError } from '../solve-in-worker';
import css from '../public-help.module.css';
import { PublicPage } from '@/components/public-page';

type Field = 'entity' | 'name' | 'email' | 'description';
const FIELDS: readonly Field[] = ['entity', 'name', 'email', 'description'];

/** The entity last signed in to from this browser (the sign-in page keeps it). */
function rememberedEntity(): string {
  try {
    return window.localStorage.getItem('caliu.entity') ?? '';
  } catch {
    return '';
  }
}

/**
 * `/help`, open to anyone (linked from the sign-in page): what to check when Caliu says "Error
 * connecting to the server", then a short form to the support team. The request goes only once
 * its sender follows the link emailed to their corporate address; the page says the same whatever
 * the server found, so it cannot tell who works where.
 */
export function HelpPage() {
  const { t } = useTranslation();
  const send = useSendHelpRequest();
  const [values, setValues] = useState(() => ({
    entity: rememberedEntity(),
    name: '',
    email: '',
    description: '',
    website: '',
  }));
  const [problems, setProblems] = useState<FieldErrors>({});
  const doneRef = useRef<HTMLDivElement>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const id = useId();

  useEffect(() => {
    if (send.isSuccess) doneRef.current?.focus();
  }, [send.isSuccess]);

  const errors = { ...serverFieldErrors(send.error), ...problems };
  // The API's refusals come translated; the browser's security check fails untranslated.
  const error = useMemo(
    () =>
      send.error instanceof SecurityCheckError
        ? new Error(
            send.error.reason === 'stopped'
              ? t('publicHelp.errors.checkStopped')
              : t('publicHelp.errors.checkFailed'),
          )
        : send.error,
    [send.error, t],
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = {
      entity: values.entity.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      description: values.description.trim(),
    };
    const found: FieldErrors = {};
    if (!typed.entity) found.entity = t('publicHelp.errors.entity');
    if (!typed.name) found.name = t('publicHelp.errors.name');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed.email)) found.email = t('publicHelp.errors.email');
    if (!typed.description) found.description = t('publicHelp.errors.description');
    setProblems(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) {
      send.reset();
      inputs.current[first]?.focus();
      return;
    }
    send.mutate({ ...typed, ...(values.website ? { website: values.website } : {}) });
  };

  const guidance = (
    <section aria-labelledby={`${id}-guidance`}>
      <h2 id={`${id}-guidance`} className={css.subtitle}>
        {t('publicHelp.guidance.title')}
      </h2>
      <p>{t('publicHelp.guidance.intro')}</p>
      <ol className={css.steps}>
        <li>{t('publicHelp.guidance.entity')}</li>
        <li>{t('publicHelp.guidance.connection')}</li>
      </ol>
    </section>
  );

  if (send.isSuccess) {
    return (
      <PublicPage title={t('publicHelp.title')}>
        <div ref={doneRef} tabIndex={-1} role="status" className={alertClass('info')}>
          <p className={alertTitleClass}>{t('publicHelp.sentTitle')}</p>
          <p>{t('publicHelp.sent')}</p>
        </div>
        <p className="login-card__links">
          <Link to="/login">{t('account.backToLogin')}</Link>
        </p>
      </PublicPage>
    );
  }

  const control = (
    name: Field,
    label: string,
    type: string,
    autoComplete: string,
    hint?: string,
  ) => (
    <FormField id={`${id}-${name}`} label={label} hint={hint} error={errors[name]} required>
      {(props) =>
        name === 'description' ? (
          <textarea
            {...props}
            ref={(element) => {
              inputs.current[name] = element;
            }}
            name={name}
            rows={5}
            maxLength={4000}
            value={values[name]}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          />
        ) : (
          <input
            {...props}
            ref={(element) => {
              inputs.current[name] = element;
            }}
            name={name}
            type={type}
            autoComplete={autoComplete}
            autoCapitalize={name === 'name' ? undefined : 'none'}
            spellCheck={false}
            maxLength={name === 'email' ? 320 : 200}
            value={values[name]}
            onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          />
        )
      }
    </FormField>
  );

  return (
    <PublicPage title={t('publicHelp.title')}>
      {guidance}
      <section aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`} className={css.subtitle}>
          {t('publicHelp.form.title')}
        </h2>
        <p className={fieldCss.formIntro}>{t('publicHelp.form.intro')}</p>
        <ErrorAlert error={error} shownByFields={FIELDS} />
        <form className="form" onSubmit={onSubmit} noValidate aria-busy={send.isPending}>
          {control('entity', t('auth.fields.entityCodeOrName'), 'text', 'organization')}
          {control('name', t('publicHelp.fields.name'), 'text', 'name')}
          {control(
            'email',
            t('publicHelp.fields.email'),
            'email',
            'email',
            t('publicHelp.fields.emailHint'),
          )}
          {control('description', t('publicHelp.fields.description'), 'text', 'off')}
          {/* The honeypot: people never see it, nor reach it by keyboard or screen reader. */}
          <div className="visually-hidden" aria-hidden="true">
            <label htmlFor={`${id}-website`}>{t('publicHelp.fields.website')}</label>
            <input
              id={`${id}-website`}
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={values.website}
              onChange={(event) => setValues({ ...values, website: event.target.value })}
            />
          </div>
          <button type="submit" className={buttonClass({ wide: true })} disabled={send.isPending}>
            {send.isPending ? t('publicHelp.form.submitting') : t('publicHelp.form.submit')}
          </button>
        </form>
      </section>
      <p className="login-card__links">
        <Link to="/login">{t('account.backToLogin')}</Link>
      </p>
    </PublicPage>
  );
}
