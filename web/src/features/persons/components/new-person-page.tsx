import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { useCreatePerson } from '../api/create-person';
import { prefilledValues } from '../form-values';
import { PersonForm } from './person-form';
import type { PersonLocationState } from './person-page';

/** A new person record, started from the search (what was typed fills the form in). */
export function NewPersonPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('persons.new.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const typed = params.get('q') ?? '';
  const [initial] = useState(() => prefilledValues(typed));
  const create = useCreatePerson();
  const back = typed ? `/persons?${new URLSearchParams({ q: typed }).toString()}` : '/persons';
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={back}>{t('persons.back')}</Link>
      </p>
      <h1 className="page__title">{t('persons.new.title')}</h1>
      <p className="page__lead">{t('persons.new.lead')}</p>
      <PersonForm
        mode="create"
        initial={initial}
        pending={create.isPending}
        error={create.error}
        submitLabel={t('persons.new.submit')}
        cancelTo={back}
        save={async (body) => {
          const person = await create.mutateAsync(body);
          const state: PersonLocationState = { notice: 'created' };
          await navigate(`/persons/${person.id}`, { state });
        }}
      />
    </div>
  );
}
