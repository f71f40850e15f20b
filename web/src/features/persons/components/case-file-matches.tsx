import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseFileNumberSearch } from '@/lib/api/case-files';
import { cx } from '@/lib/cx';
import styles from '../persons.module.css';
import { ErrorAlert } from '@/components/ui/alert';
import { CaseFilesTable } from '@/components/case-files-table';

/**
 * The case files whose number is what the box holds (`123`, `2026/123`), among those the user may
 * see: shown above the persons found, each opening its page. Nothing shows when none matches.
 */
export function CaseFileMatches({ number }: { number: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const search = useCaseFileNumberSearch(number, true);
  const items = search.data?.items ?? [];
  if (search.isError) {
    return <ErrorAlert error={search.error} focus={false} onRetry={() => void search.refetch()} />;
  }
  if (items.length === 0) return null;
  return (
    <section
      className={cx(styles.caseFileMatches, 'case-file-matches')}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="section-title">
        {t('persons.caseFileMatches.title', { number })}
      </h2>
      <CaseFilesTable
        items={items}
        caption={t('persons.caseFileMatches.caption', { number })}
        columns={['holder', 'scope', 'state']}
      />
    </section>
  );
}
