import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-client';
import { useRemoveSecondFactor } from '../api/remove-second-factor';
import styles from '../profile.module.css';
import { FormActions } from '@/components/ui/button';

/** Removing the second factor takes the current password. */
export function RemoveSecondFactorForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const remove = useRemoveSecondFactor();
  const id = useId();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const wrongPassword =
    remove.error instanceof ApiError && remove.error.code === 'auth.wrong_password'
      ? remove.error.message
      : undefined;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!password) {
      setProblem(t('profile.password.errors.current'));
      remove.reset();
      document.getElementById(`${id}-password`)?.focus();
      return;
    }
    setProblem(null);
    remove.mutate(password, { onSuccess: onDone });
  };

  return (
    <form
      className="form remove-factor"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className={styles.enrolmentTitle}>
        {t('profile.secondFactor.removeTitle')}
      </h3>
      <p>{t('profile.secondFactor.removeText')}</p>
      <ErrorAlert error={wrongPassword ? null : remove.error} />
      <FormField
        id={`${id}-password`}
        label={t('profile.password.current')}
        error={problem ?? wrongPassword}
        required
      >
        {(control) => (
          <input
            {...control}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </FormField>
      <FormActions
        submitLabel={t('profile.secondFactor.remove')}
        submitVariant="danger"
        pending={remove.isPending}
        pendingLabel={t('common.loading')}
        cancelDisabled={!password}
        onCancel={() => {
          setPassword('');
          setProblem(null);
          remove.reset();
        }}
      />
    </form>
  );
}
