import { useTranslation } from 'react-i18next';
import type { Professional } from '@caliu/common';

/** Active or not; waiting for activation; second factor on. */
export function StatusBadges({ professional }: { professional: Professional }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={professional.active ? 'badge badge--on' : 'badge badge--off'}>
        {professional.active ? t('forms.active') : t('forms.inactive')}
      </span>
      {!professional.activated && (
        <span className="badge badge--pending">{t('professionals.status.pending')}</span>
      )}
      {professional.secondFactorEnrolled && (
        <span className="badge badge--info">{t('professionals.status.secondFactor')}</span>
      )}
    </span>
  );
}
