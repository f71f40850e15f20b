import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AssignmentNoticeItem } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useDateTimeFormat } from '@/lib/format';
import { useMarkSeen, useNotices } from '../api/assignment-notices';

/**
 * Records assigned or transferred to the user (referent of a person or a case file, or assigned
 * to a case file) that they have not acknowledged: each with who did it and when, a link to the
 * record, and "Seen" to let it go. Shown only when there is one.
 */
export function AssignmentNotices() {
  const { t } = useTranslation();
  const headingId = useId();
  const formatDateTime = useDateTimeFormat();
  const notices = useNotices();
  const seen = useMarkSeen();
  const items = notices.data?.items ?? [];
  if (items.length === 0) return null;
  const words = (n: AssignmentNoticeItem) => ({
    by: n.assignedBy?.name ?? t('homePage.notices.someone'),
    label: n.record.label ?? t('homePage.notices.gone'),
  });
  return (
    <section className="card assignment-notices" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('homePage.notices.title')}
      </h2>
      <ErrorAlert error={seen.error} />
      <ul>
        {items.map((n) => (
          <li key={n.id}>
            <Link
              to={
                n.recordType === 'case_file'
                  ? `/case-files/${n.record.id}`
                  : `/persons/${n.record.id}`
              }
            >
              {words(n).label}
            </Link>{' '}
            {t(`homePage.notices.${n.recordType}_${n.role}`, words(n))} ·{' '}
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>{' '}
            <Button
              small
              variant="secondary"
              aria-label={t('homePage.notices.seenNamed', words(n))}
              disabled={seen.isPending}
              onClick={() => seen.mutate(n.id)}
            >
              {t('homePage.notices.seen')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
