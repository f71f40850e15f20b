import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, SecondFactorChallenge } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-client';
import { serverFieldErrors } from '@/lib/form-errors';
import { useLoginSecondFactor } from '../api/login-second-factor';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../auth.module.css';
import { buttonClass, linkButtonClass } from '@/components/ui/button';

type Mode = 'code' | 'recovery';

type SecondFactorFormProps = {
  challenge: SecondFactorChallenge;
  onSignedIn: (me: Me) => void;
  /** The step timed out (or was used up): the sign-in starts again, saying why. */
  onExpired: (message: string) => void;
  onCancel: () => void;
};

/** The second step of a sign-in: the code of the authenticator app, or a recovery code. */
export function SecondFactorForm({
  challenge,
  onSignedIn,
  onExpired,
  onCancel,
}: SecondFactorFormProps) {
  const { t } = useTranslation();
  const verify = useLoginSecondFactor();
  const [mode, setMode] = useState<Mode>('code');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, [mode]);

  const field = mode === 'code' ? 'code' : 'recoveryCode';
  const error = problem ?? serverFieldErrors(verify.error)[field];

  const switchMode = () => {
    setMode((current) => (current === 'code' ? 'recovery' : 'code'));
    setValue('');
    setProblem(null);
    verify.reset();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = mode === 'code' ? value.replace(/\s/g, '') : value.trim();
    const invalid =
      mode === 'code'
        ? !/^\d{6}$/.test(typed) && t('account.secondFactor.errors.code')
        : typed.length < 8 && t('account.secondFactor.errors.recoveryCode');
    if (invalid) {
      setProblem(invalid);
      verify.reset();
      inputRef.current?.focus();
      return;
    }
    setProblem(null);
    const answer =
      mode === 'code'
        ? { challenge: challenge.challenge, code: typed }
        : { challenge: challenge.challenge, recoveryCode: typed };
    verify.mutate(answer, {
      onSuccess: onSignedIn,
      onError: (refusal) => {
        if (refusal instanceof ApiError && refusal.code === 'auth.challenge_expired') {
          onExpired(refusal.message);
        }
      },
    });
  };

  return (
    <section className={styles.secondStep} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('account.secondFactor.title')}
      </h2>
      <p className={fieldCss.formIntro}>
        {mode === 'code'
          ? t('account.secondFactor.intro')
          : t('account.secondFactor.recoveryIntro')}
      </p>
      <ErrorAlert error={verify.error} shownByFields={[field]} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormField
          id={`${id}-${field}`}
          label={
            mode === 'code'
              ? t('account.secondFactor.code')
              : t('account.secondFactor.recoveryCode')
          }
          hint={
            mode === 'code'
              ? t('account.secondFactor.codeHint')
              : t('account.secondFactor.recoveryCodeHint')
          }
          error={error}
          required
        >
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              name={field}
              type="text"
              inputMode={mode === 'code' ? 'numeric' : 'text'}
              autoComplete={mode === 'code' ? 'one-time-code' : 'off'}
              autoCapitalize="none"
              spellCheck={false}
              maxLength={mode === 'code' ? 7 : 32}
              className={mode === 'code' ? fieldCss.inputCode : undefined}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </FormField>
        <button type="submit" className={buttonClass({ wide: true })} disabled={verify.isPending}>
          {verify.isPending
            ? t('account.secondFactor.submitting')
            : t('account.secondFactor.submit')}
        </button>
      </form>
      <div className={styles.secondStepLinks}>
        <button type="button" className={linkButtonClass} onClick={switchMode}>
          {mode === 'code'
            ? t('account.secondFactor.useRecoveryCode')
            : t('account.secondFactor.useApp')}
        </button>
        <button type="button" className={linkButtonClass} onClick={onCancel}>
          {t('account.secondFactor.startAgain')}
        </button>
      </div>
    </section>
  );
}
