import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Professional } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { FormField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-client';
import { serverFieldErrors } from '@/lib/form-errors';
import { useDeactivateProfessional } from '../api/deactivate-professional';
import { useReactivateProfessional } from '../api/reactivate-professional';
import { useResendActivation } from '../api/resend-activation';
import { ActivationNotice } from './activation-notice';
import { cx } from '@/lib/cx';
import styles from '../professionals.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass, alertListClass } from '@/components/ui/alert';

/**
 * A refusal to deactivate: the server's message and, when the professional is still the referent
 * of records, the list of what to transfer to someone else first.
 */
function Refusal({ error }: { error: Error }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  const blockers =
    error instanceof ApiError && error.code === 'professional.is_referent' ? error.details : [];
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={alertClass('error')}>
      <p className={alertTitleClass}>{error.message}</p>
      {blockers.length > 0 && (
        <>
          <p>{t('professionals.actions.transferFirst')}</p>
          <ul className={alertListClass}>
            {blockers.map((blocker, index) => (
              <li key={`${blocker.field ?? ''}-${index}`}>{blocker.message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Deactivate or reactivate (who may, by the record's abilities), and send a new activation link. */
export function ProfessionalActions({
  professional,
  canResend,
  onAct,
}: {
  professional: Professional;
  canResend: boolean;
  /** Called when an action is taken (so the page can drop notices it makes out of date). */
  onAct?: () => void;
}) {
  const { t } = useTranslation();
  const deactivate = useDeactivateProfessional();
  const reactivate = useReactivateProfessional();
  const id = useId();
  const name = `${professional.givenName} ${professional.surnames}`;
  const refusal = deactivate.error ?? reactivate.error;
  const resendable = canResend && professional.active && !professional.activated;
  if (!professional.can.deactivate && !resendable) return null;
  return (
    <section className={cx(styles.professionalActions, 'card')} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('professionals.actions.title')}
      </h2>
      {refusal && <Refusal error={refusal} />}
      {professional.can.deactivate &&
        (professional.active ? (
          <div className={styles.actionRow}>
            <p>{t('professionals.actions.deactivateText')}</p>
            <ConfirmButton
              label={t('professionals.actions.deactivate')}
              question={t('professionals.actions.deactivateQuestion', { name })}
              confirmLabel={t('professionals.actions.deactivateConfirm')}
              cancelLabel={t('forms.cancel')}
              pending={deactivate.isPending}
              small={false}
              onConfirm={() => {
                reactivate.reset();
                onAct?.();
                deactivate.mutate(professional.id);
              }}
            />
          </div>
        ) : (
          <div className={styles.actionRow}>
            <p>{t('professionals.actions.reactivateText')}</p>
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              disabled={reactivate.isPending}
              onClick={() => {
                deactivate.reset();
                onAct?.();
                reactivate.mutate(professional.id);
              }}
            >
              {t('professionals.actions.reactivate')}
            </button>
          </div>
        ))}
      {resendable && <ResendActivation professional={professional} onSend={onAct} />}
    </section>
  );
}

function ResendActivation({
  professional,
  onSend,
}: {
  professional: Professional;
  onSend?: () => void;
}) {
  const { t } = useTranslation();
  const resend = useResendActivation();
  const id = useId();
  const [mobile, setMobile] = useState('');
  const error = serverFieldErrors(resend.error).mobile;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSend?.();
    resend.mutate({ id: professional.id, mobile: mobile.trim() || undefined });
  };
  return (
    <form
      className={cx(styles.resendForm, 'form')}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="subsection-title">
        {t('professionals.actions.resendTitle')}
      </h3>
      <p>{t('professionals.actions.resendText')}</p>
      {resend.data && (
        <ActivationNotice sent={resend.data} email={professional.email} created={false} />
      )}
      {resend.error && !error && (
        <p role="alert" className={alertClass('error')}>
          {resend.error.message}
        </p>
      )}
      <FormField
        id={`${id}-mobile`}
        label={t('professionals.fields.mobile')}
        hint={t('professionals.hints.mobile')}
        error={error}
      >
        {(control) => (
          <input
            {...control}
            name="mobile"
            type="tel"
            autoComplete="off"
            value={mobile}
            onChange={(event) => setMobile(event.target.value)}
          />
        )}
      </FormField>
      <button
        type="submit"
        className={buttonClass({ variant: 'secondary' })}
        disabled={resend.isPending}
      >
        {resend.isPending ? t('forms.saving') : t('professionals.actions.resend')}
      </button>
    </form>
  );
}
