import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { cx } from '@/lib/cx';
import styles from '../persons.module.css';
import { CaseFilesTable } from '@/components/case-files-table';
import { buttonClass } from '@/components/ui/button';
import { emptyStateClass } from '@/components/ui/query-state';

/**
 * The person's case files that the user may see (nothing hints at the others), each opening its
 * page; and, for who may, the way to open a new one for them.
 */
export function PersonCaseFiles({ person }: { person: PersonView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const me = useCurrentUser();
  const items = person.caseFiles;
  // Who works no case files (an administrative assistant, an operator) is shown no such section.
  if (!me.permissions.includes('case_files.view') && !person.can.openCaseFile) return null;
  return (
    <section className={cx(styles.personSection, 'card')} aria-labelledby={headingId}>
      <div className={styles.personSectionHeader}>
        <h2 id={headingId} className="section-title">
          {t('persons.caseFiles.title')}
        </h2>
        {person.can.openCaseFile && (
          <Link
            to={`/case-files/new?${new URLSearchParams({ personId: person.id }).toString()}`}
            className={buttonClass({ variant: 'secondary' })}
          >
            {t('persons.caseFiles.open')}
          </Link>
        )}
      </div>
      {items.length === 0 ? (
        <p className={emptyStateClass}>{t('persons.caseFiles.none')}</p>
      ) : (
        <CaseFilesTable
          items={items}
          caption={t('persons.caseFiles.caption')}
          columns={['scope', 'state', 'referent']}
          className="person-case-files"
        />
      )}
    </section>
  );
}
