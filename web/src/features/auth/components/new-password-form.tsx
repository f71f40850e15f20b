import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { NewPasswordFields, useNewPasswordProblems } from '@/components/new-password-fields';
import type { NewPasswordValue } from '@/components/new-password-fields';
import { serverFieldErrors } from '@/lib/form-errors';
import { buttonClass } from '@/components/ui/button';

type NewPasswordFormProps = {
  /** The account's username, for the browser's password manager. */
  username?: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (password: string) => void;
};

/** Choose a password (first access or reset): the rules are checked as the user types. */
export function NewPasswordForm({ username, pending, error, onSubmit }: NewPasswordFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const problemsOf = useNewPasswordProblems();
  const [value, setValue] = useState<NewPasswordValue>({ password: '', repeat: '' });
  const [submitted, setSubmitted] = useState(false);

  const problems = submitted ? problemsOf(value) : {};
  const errors = { ...serverFieldErrors(error), ...problems };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const found = problemsOf(value);
    const first = found.password ? 'password' : found.repeat ? 'repeat' : null;
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    onSubmit(value.password);
  };

  return (
    <>
      <ErrorAlert error={error} shownByFields={['password']} />
      <form className="form" onSubmit={submit} noValidate>
        {username !== undefined && (
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={username}
            readOnly
            hidden
          />
        )}
        <NewPasswordFields
          idPrefix={id}
          value={value}
          onChange={setValue}
          errors={errors}
          label={t('password.choose')}
        />
        <button type="submit" className={buttonClass({ wide: true })} disabled={pending}>
          {pending ? t('password.saving') : t('password.save')}
        </button>
      </form>
    </>
  );
}
