import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondFactorEnrolment } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { serverFieldErrors } from '@/lib/form-errors';
import { useConfirmEnrolment } from '../api/confirm-enrolment';
import { useStartEnrolment } from '../api/start-enrolment';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../profile.module.css';
import { buttonClass } from '@/components/ui/button';

/** The secret in groups of four, easier to type into an app. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Setting up an authenticator app: scan the QR code (or type the key), save the recovery codes —
 * shown this once —, then confirm with a first code.
 */
export function EnrolmentFlow({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const start = useStartEnrolment();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const enrolment = start.data;

  useEffect(() => {
    if (enrolment) headingRef.current?.focus();
  }, [enrolment]);

  if (!enrolment) {
    return (
      <div>
        <p>{t('profile.secondFactor.enrolIntro')}</p>
        <ErrorAlert error={start.error} />
        <button
          type="button"
          className={buttonClass()}
          onClick={() => start.mutate()}
          disabled={start.isPending}
        >
          {start.isPending ? t('common.loading') : t('profile.secondFactor.enrol')}
        </button>
      </div>
    );
  }
  return (
    <div>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1} className={styles.enrolmentTitle}>
        {t('profile.secondFactor.enrolTitle')}
      </h3>
      <EnrolmentSteps enrolment={enrolment} onDone={onDone} onCancel={() => start.reset()} />
    </div>
  );
}

type StepsProps = { enrolment: SecondFactorEnrolment; onDone: () => void; onCancel: () => void };

function EnrolmentSteps({ enrolment, onDone, onCancel }: StepsProps) {
  const { t } = useTranslation();
  const confirm = useConfirmEnrolment();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (saved) codeRef.current?.focus();
  }, [saved]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) {
      setProblem(t('account.secondFactor.errors.code'));
      confirm.reset();
      codeRef.current?.focus();
      return;
    }
    setProblem(null);
    confirm.mutate(typed, { onSuccess: onDone });
  };
  const error = problem ?? serverFieldErrors(confirm.error).code;

  return (
    <>
      <ol className="steps">
        <li className="steps__item">
          <h4 className="steps__title">{t('profile.secondFactor.scanTitle')}</h4>
          <p>{t('profile.secondFactor.scanText')}</p>
          <img
            className="enrolment__qr"
            src={enrolment.qrCode}
            alt={t('profile.secondFactor.qrAlt')}
            width={200}
            height={200}
          />
          <p>{t('profile.secondFactor.secretText')}</p>
          <p className="enrolment__secret">
            <code>{grouped(enrolment.secret)}</code>
          </p>
        </li>
        <li className="steps__item">
          <h4 className="steps__title">{t('profile.secondFactor.codesTitle')}</h4>
          {saved ? (
            <p className="muted">{t('profile.secondFactor.codesSaved')}</p>
          ) : (
            <>
              <p>
                {t('profile.secondFactor.codesText', { count: enrolment.recoveryCodes.length })}
              </p>
              <ol className="recovery-codes">
                {enrolment.recoveryCodes.map((recoveryCode) => (
                  <li key={recoveryCode}>
                    <code>{recoveryCode}</code>
                  </li>
                ))}
              </ol>
              <button type="button" className={buttonClass()} onClick={() => setSaved(true)}>
                {t('profile.secondFactor.codesDone')}
              </button>
            </>
          )}
        </li>
        <li className="steps__item">
          <h4 className="steps__title">{t('profile.secondFactor.confirmTitle')}</h4>
          {saved ? (
            <form className="form" onSubmit={submit} noValidate>
              <ErrorAlert error={confirm.error} shownByFields={['code']} />
              <FormField
                id={`${id}-code`}
                label={t('account.secondFactor.code')}
                hint={t('profile.secondFactor.confirmHint')}
                error={error}
                required
              >
                {(control) => (
                  <input
                    {...control}
                    ref={codeRef}
                    name="code"
                    type="text"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={7}
                    className={fieldCss.inputCode}
                    value={code}
                    onChange={(event) => setCode(event.target.value)}
                  />
                )}
              </FormField>
              <button type="submit" className={buttonClass()} disabled={confirm.isPending}>
                {confirm.isPending ? t('common.loading') : t('profile.secondFactor.confirm')}
              </button>
            </form>
          ) : (
            <p className="muted">{t('profile.secondFactor.confirmLater')}</p>
          )}
        </li>
      </ol>
      <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={onCancel}>
        {t('profile.secondFactor.cancel')}
      </button>
    </>
  );
}
