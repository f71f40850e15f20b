import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { usePerson } from '../api/get-person';
import { useUpdatePerson } from '../api/update-person';
import { fullName } from '@/lib/person-names';
import { PersonForm } from './person-form';
import type { PersonLocationState } from './person-page';
import { isNotFound, RecordState } from './record-state';

/** Edits a person's basic data; the form keeps what was typed if the server refuses it. */
export function EditPersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const focus = (location.state as { focus?: string } | null)?.focus;
  const person = usePerson(personId);
  const update = useUpdatePerson();
  const record = person.data;
  const name = record ? fullName(record) : '';
  const missing = (record && !record.can.edit) || isNotFound(person.error);
  useDocumentTitle(
    missing ? t('notFound.title') : record ? t('persons.edit.title', { name }) : t('persons.title'),
  );

  if (!record || !record.can.edit) {
    return <RecordState query={person} forbidden={Boolean(record)} />;
  }
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={`/persons/${record.id}`}>{name}</Link>
      </p>
      <h1 className="page__title">{t('persons.edit.title', { name })}</h1>
      <PersonForm
        key={record.id}
        mode="edit"
        person={record}
        pending={update.isPending}
        error={update.error}
        submitLabel={t('forms.saveChanges')}
        cancelTo={`/persons/${record.id}`}
        initialFocus={focus === 'teamId' ? 'teamId' : undefined}
        reload={async () => (await person.refetch()).data}
        save={async (body) => {
          await update.mutateAsync({ id: record.id, ...body });
          const state: PersonLocationState = { notice: 'saved' };
          await navigate(`/persons/${record.id}`, { state });
        }}
      />
    </div>
  );
}
