import { useTranslation } from 'react-i18next';
import type { Professional } from '@caliu/common';

/** Inactive, waiting for activation, or active; second factor on. */
export function StatusBadges({ professional }: { professional: Professional }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {/* One state at a time: an active account nobody has activated yet is "pending", not
          "active" beside "pending". */}
      {!professional.active ? (
        <span className="badge badge--off">{t('forms.inactive')}</span>
      ) : professional.activated ? (
        <span className="badge badge--on">{t('forms.active')}</span>
      ) : (
        <span className="badge badge--pending">{t('professionals.status.pending')}</span>
      )}
      {professional.secondFactorEnrolled && (
        <span className="badge badge--info">{t('professionals.status.secondFactor')}</span>
      )}
    </span>
  );
}
