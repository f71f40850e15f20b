import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cover } from '@caliu/common';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useMyCovers } from '../api/get-my-covers';

/**
 * The covers of absences the user takes part in, on both sides: whose case files they reach for
 * now (and until when), and who reaches theirs. Shown only when there is one.
 */
export function MyCovers() {
  const { t } = useTranslation();
  const headingId = useId();
  const formatDate = useCalendarDateFormat();
  const covers = useMyCovers();
  const data = covers.data;
  if (!data || data.covering.length + data.coveredBy.length === 0) return null;
  const words = (c: Cover) => ({
    absent: c.absent.name,
    cover: c.cover.name,
    team: c.team.name,
    from: formatDate(c.startsOn),
    to: formatDate(c.endsOn),
  });
  return (
    <section className="card my-covers" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('homePage.covers.title')}
      </h2>
      <ul>
        {data.covering.map((c) => (
          <li key={c.id}>
            {c.state === 'live'
              ? t('homePage.covers.coveringNow', words(c))
              : t('homePage.covers.coveringLater', words(c))}
          </li>
        ))}
        {data.coveredBy.map((c) => (
          <li key={c.id}>
            {c.state === 'live'
              ? t('homePage.covers.coveredNow', words(c))
              : t('homePage.covers.coveredLater', words(c))}
          </li>
        ))}
      </ul>
    </section>
  );
}
