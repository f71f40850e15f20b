import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { useProfessional } from '../api/get-professional';
import { useUpdateProfessional } from '../api/update-professional';
import { patchBody } from '../form-values';
import { ActivationNotice } from './activation-notice';
import type { ActivationSent } from './activation-notice';
import { ProfessionalActions } from './professional-actions';
import { ProfessionalForm } from './professional-form';
import { ProfessionalSummary } from './professional-summary';
import { StatusBadges } from './status-badges';
import { alertClass, alertTitleClass } from '@/components/ui/alert';

/** What the new-professional page passes on: how the activation link went out. */
export type ProfessionalLocationState = { activation?: ActivationSent };

/** One professional: the record (editable by the administrator) and what may be done with it. */
export function ProfessionalPage() {
  const { t } = useTranslation();
  const { professionalId = '' } = useParams();
  const location = useLocation();
  const activation = (location.state as ProfessionalLocationState | null)?.activation;
  const me = useCurrentUser();
  const professional = useProfessional(professionalId);
  const update = useUpdateProfessional();
  const savedRef = useRef<HTMLParagraphElement>(null);
  const [saves, setSaves] = useState(0);
  // The notice of creation speaks of the first link: once the page is acted on it is out of date.
  const [acted, setActed] = useState(false);
  const record = professional.data;
  useDocumentTitle(record ? `${record.givenName} ${record.surnames}` : t('professionals.title'));

  useEffect(() => {
    if (saves > 0) savedRef.current?.focus();
  }, [saves]);

  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to="/professionals">{t('professionals.back')}</Link>
      </p>
      {!record ? (
        professional.isError ? (
          <div role="alert" className={alertClass('error')}>
            <p className={alertTitleClass}>{professional.error.message}</p>
          </div>
        ) : (
          <p role="status" className="muted">
            {t('common.loading')}
          </p>
        )
      ) : (
        <>
          <h1 className="page__title">{[record.givenName, record.surnames].join(' ')}</h1>
          <p className="page__lead professional-status">
            <StatusBadges professional={record} />
            <span className="muted">{record.username}</span>
          </p>
          {activation && !acted && saves === 0 && (
            <ActivationNotice sent={activation} email={record.email} created />
          )}
          {saves > 0 && !update.isPending && !update.error && (
            <p ref={savedRef} tabIndex={-1} role="status" className={alertClass('success')}>
              {t('professionals.saved')}
            </p>
          )}
          {record.can.edit ? (
            <ProfessionalForm
              key={record.id}
              professional={record}
              pending={update.isPending}
              error={update.error}
              submitLabel={t('forms.saveChanges')}
              onSubmit={async (values) => {
                await update.mutateAsync({ id: record.id, ...patchBody(values) });
                setSaves((count) => count + 1);
              }}
            />
          ) : (
            <ProfessionalSummary professional={record} />
          )}
          <ProfessionalActions
            professional={record}
            canResend={me.permissions.includes('organization.manage')}
            onAct={() => setActed(true)}
          />
        </>
      )}
    </div>
  );
}
