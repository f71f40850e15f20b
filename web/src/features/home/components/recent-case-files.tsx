import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseFilesTable } from '@/components/case-files-table';
import { QueryState } from '@/components/ui/query-state';
import { useRecentCaseFiles } from '../api/get-recent-case-files';

/** The case files the user opened last: each number opens it again. */
export function RecentCaseFiles() {
  const { t } = useTranslation();
  const headingId = useId();
  const recent = useRecentCaseFiles(true);
  return (
    <section className="card recent-case-files" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('homePage.recent.title')}
      </h2>
      <QueryState query={recent}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('homePage.recent.none')}</p>
          ) : (
            <CaseFilesTable
              items={data.items}
              caption={t('homePage.recent.title')}
              columns={['holder', 'state']}
            />
          )
        }
      </QueryState>
    </section>
  );
}
