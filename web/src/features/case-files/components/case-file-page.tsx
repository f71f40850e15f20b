import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Notice, alertClass } from '@/components/ui/alert';
import { CaseFileAppointmentButton } from '@/lib/agenda-slot';
import { Attachments } from '@/lib/attachments-slot';
import { useDocumentTitle } from '@/lib/document-title';
import { useCaseFile } from '../api/get-case-file';
import { isNotFound } from '../refusals';
import { CaseFileActions } from './case-file-actions';
import type { StateChange } from './case-file-actions';
import { CaseFileHeader } from './case-file-header';
import { CaseFileState } from './case-file-state';
import { CaseFileTabs } from './case-file-tabs';
import { MembersSection } from './members-section';
import { StateBadge } from '@/components/case-file-state-badge';
import styles from '../case-files.module.css';

/** What other pages pass on when they open a case file's page. */
export type CaseFileLocationState = { notice?: 'created' | 'saved' };

/**
 * One case file: its header, its members and — for its professionals and its team's
 * coordinators — its documents and its content in tabs: the timeline of everything, then
 * interventions, demands, problems, resources, procedures and plans, each with its form. The
 * technical administrator sees the header and the members only.
 */
export function CaseFilePage() {
  const { t } = useTranslation();
  const { caseFileId = '' } = useParams();
  const location = useLocation();
  const arrived = (location.state ?? null) as CaseFileLocationState | null;
  const query = useCaseFile(caseFileId);
  const caseFile = query.data;
  const [changed, setChanged] = useState<StateChange | null>(null);
  const title = caseFile
    ? t('caseFiles.page.title', { number: caseFile.number })
    : isNotFound(query.error)
      ? t('notFound.title')
      : t('caseFiles.title');
  useDocumentTitle(title);

  if (!caseFile) return <CaseFileState query={query} />;
  const notice = changed ?? arrived?.notice;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/case-files">{t('caseFiles.back')}</Link>
      </p>
      <div className="page__header">
        <div>
          <h1 className="page__title">{title}</h1>
          <p className={styles.pageStatus}>
            <StateBadge state={caseFile.state} />
            <span>{t(`caseFiles.scopes.${caseFile.scope}`)}</span>
          </p>
        </div>
        <CaseFileActions caseFile={caseFile} onChanged={setChanged} />
      </div>
      {notice && <Notice key={notice}>{t(`caseFiles.notices.${notice}`)}</Notice>}
      <CaseFileHeader caseFile={caseFile} />
      <MembersSection caseFile={caseFile} />
      <CaseFileAppointmentButton
        caseFileId={caseFile.id}
        caseFileNumber={caseFile.number}
        persons={caseFile.members.map((member) => member.person)}
      />
      {caseFile.can.viewContent ? (
        <>
          <Attachments owner={{ type: 'case_file', caseFileId: caseFile.id }} variant="section" />
          <CaseFileTabs caseFile={caseFile} />
        </>
      ) : (
        <p className={alertClass('info', 'case-file-content-hidden')}>
          {t('caseFiles.page.contentHidden')}
        </p>
      )}
    </div>
  );
}
