import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { useHolder } from '../api/get-holder';
import { isNotFound } from '../refusals';
import { CaseFileState } from './case-file-state';
import { NewCaseFileForm } from './new-case-file-form';

/**
 * Opening a case file for a person (`?personId=`), who becomes its holder; started from the
 * person's page, and back there on Cancel.
 */
export function NewCaseFilePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const holder = useHolder(personId);
  const person = holder.data;
  const forbidden = !personId || (person !== undefined && !person.can.openCaseFile);
  useDocumentTitle(
    forbidden || isNotFound(holder.error) ? t('notFound.title') : t('caseFiles.new.title'),
  );
  if (!person || forbidden) return <CaseFileState query={holder} forbidden={forbidden} />;
  const name = [person.givenName, person.firstSurname, person.secondSurname]
    .filter((part) => part && part.trim())
    .join(' ');
  const back = `/persons/${person.id}`;
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={back}>{t('caseFiles.new.back', { name })}</Link>
      </p>
      <h1 className="page__title">{t('caseFiles.new.title')}</h1>
      <p className="page__lead">{t('caseFiles.new.lead', { name })}</p>
      <NewCaseFileForm person={person} cancelTo={back} />
    </div>
  );
}
