import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { alertClass, alertTitleClass } from '@/components/ui/alert';

export type ActivationSent = { channel: 'email' | 'sms'; smsFailed: boolean };

/** How the activation link went out: by SMS, by email, or by email because the SMS failed. */
export function ActivationNotice({
  sent,
  email,
  created,
}: {
  sent: ActivationSent;
  email: string;
  /** Just created (rather than a link sent again). */
  created: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [sent]);
  const how = sent.smsFailed
    ? t('professionals.activation.smsFailed', { email })
    : sent.channel === 'sms'
      ? t('professionals.activation.sms')
      : t('professionals.activation.email', { email });
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className={alertClass(sent.smsFailed ? 'warning' : 'success')}
    >
      {created && <p className={alertTitleClass}>{t('professionals.activation.created')}</p>}
      <p>{how}</p>
    </div>
  );
}
