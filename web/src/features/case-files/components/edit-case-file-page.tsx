import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { LEAVES_FORM } from '@/lib/use-form-draft';
import { useCaseFile } from '../api/get-case-file';
import { isNotFound } from '../refusals';
import type { CaseFileLocationState } from './case-file-page';
import { CaseFileState } from './case-file-state';
import { HeaderForm } from './header-form';

/** Editing a case file's header (who may edit it; the referent and team, its coordinators). */
export function EditCaseFilePage() {
  const { t } = useTranslation();
  const { caseFileId = '' } = useParams();
  const navigate = useNavigate();
  const query = useCaseFile(caseFileId);
  const caseFile = query.data;
  const forbidden = caseFile !== undefined && !caseFile.can.edit;
  const title = caseFile
    ? t('caseFiles.edit.title', { number: caseFile.number })
    : isNotFound(query.error)
      ? t('notFound.title')
      : t('caseFiles.title');
  useDocumentTitle(forbidden ? t('notFound.title') : title);
  if (!caseFile || forbidden) return <CaseFileState query={query} forbidden={forbidden} />;
  const back = `/case-files/${caseFile.id}`;
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={back}>{t('caseFiles.edit.back', { number: caseFile.number })}</Link>
      </p>
      <h1 className="page__title">{title}</h1>
      <p className="page__lead">{t('caseFiles.edit.lead')}</p>
      <HeaderForm
        key={caseFile.id}
        caseFile={caseFile}
        onSaved={async () => {
          const state: CaseFileLocationState = { notice: 'saved' };
          await navigate(back, { state });
        }}
        onCancel={() => void navigate(back, { state: LEAVES_FORM })}
        onReload={() => query.refetch()}
      />
    </div>
  );
}
