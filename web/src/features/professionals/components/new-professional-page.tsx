import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { useCreateProfessional } from '../api/create-professional';
import { createBody } from '../form-values';
import type { ProfessionalLocationState } from './professional-page';
import { ProfessionalForm } from './professional-form';

/** The administrator creates a professional; the activation link goes out at once. */
export function NewProfessionalPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('professionals.new.title'));
  const navigate = useNavigate();
  const create = useCreateProfessional();
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to="/professionals">{t('professionals.back')}</Link>
      </p>
      <h1 className="page__title">{t('professionals.new.title')}</h1>
      <p className="page__lead">{t('professionals.new.lead')}</p>
      <ProfessionalForm
        pending={create.isPending}
        error={create.error}
        submitLabel={t('professionals.new.submit')}
        cancelTo="/professionals"
        onSubmit={async (values) => {
          const created = await create.mutateAsync(createBody(values));
          const state: ProfessionalLocationState = { activation: created.activation };
          navigate(`/professionals/${created.id}`, { state });
        }}
      />
    </div>
  );
}
