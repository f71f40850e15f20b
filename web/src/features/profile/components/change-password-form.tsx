import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, alertClass } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { NewPasswordFields, useNewPasswordProblems } from '@/components/new-password-fields';
import type { NewPasswordValue } from '@/components/new-password-fields';
import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useChangePassword } from '../api/change-password';
import fieldCss from '@/components/ui/form-field.module.css';
import { FormActions } from '@/components/ui/button';

const EMPTY: NewPasswordValue = { password: '', repeat: '' };

/** The server's refusal, by the fields of this form. */
function refusalByField(error: Error | null): FieldErrors {
  const byField = serverFieldErrors(error);
  const errors: FieldErrors = {
    currentPassword: byField.currentPassword,
    password: byField.newPassword,
  };
  if (error instanceof ApiError && error.code === 'auth.wrong_password') {
    errors.currentPassword = error.message;
  }
  if (error instanceof ApiError && error.code === 'auth.password_unchanged') {
    errors.password = error.message;
  }
  return errors;
}

/** Change the password: the current one, then the new one twice, its rules checked as typed. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const problemsOf = useNewPasswordProblems();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPasswordValue>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (change.isSuccess) doneRef.current?.focus();
  }, [change.isSuccess]);

  const ownProblems = (): FieldErrors => ({
    ...(current ? {} : { currentPassword: t('profile.password.errors.current') }),
    ...problemsOf(value),
  });
  const errors = { ...refusalByField(change.error), ...(submitted ? ownProblems() : {}) };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const found = ownProblems();
    const first = (['currentPassword', 'password', 'repeat'] as const).find((f) => found[f]);
    if (first) {
      change.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    change.mutate(
      { currentPassword: current, newPassword: value.password },
      {
        onSuccess: () => {
          setCurrent('');
          setValue(EMPTY);
          setSubmitted(false);
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('profile.password.title')}
      </h2>
      <p className={fieldCss.formIntro}>{t('profile.password.intro')}</p>
      {change.isSuccess && (
        <p ref={doneRef} tabIndex={-1} role="status" className={alertClass('success')}>
          {t('profile.password.changed')}
        </p>
      )}
      <ErrorAlert error={change.error} shownByFields={['currentPassword', 'newPassword']} />
      <FormField
        id={`${id}-currentPassword`}
        label={t('profile.password.current')}
        error={errors.currentPassword}
        required
      >
        {(control) => (
          <input
            {...control}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        )}
      </FormField>
      <NewPasswordFields idPrefix={id} value={value} onChange={setValue} errors={errors} />
      <FormActions
        submitLabel={t('profile.password.submit')}
        pending={change.isPending}
        pendingLabel={t('password.saving')}
        cancelDisabled={!current && value === EMPTY}
        onCancel={() => {
          setCurrent('');
          setValue(EMPTY);
          setSubmitted(false);
          change.reset();
        }}
      />
    </form>
  );
}
