import { useTranslation } from 'react-i18next';
import type { WorkingInterval } from '@caliu/common';
import { daySummary, WEEKDAYS } from '../working-hours';
import styles from '../settings.module.css';

/** A sector's week in words: each day's intervals, or "closed". */
export function SectorHoursSummary({
  intervals,
  sector,
}: {
  intervals: readonly WorkingInterval[];
  sector: string;
}) {
  const { t } = useTranslation();
  return (
    <dl
      className={styles.summary}
      aria-label={t('agendaSettings.workingHours.summary', { sector })}
    >
      {WEEKDAYS.map((weekday) => {
        const day = daySummary(intervals, weekday);
        return (
          <div key={weekday} className={styles.summaryRow}>
            <dt>{t(`agendaSettings.weekdays.${weekday}`)}</dt>
            <dd>
              {day.length === 0
                ? t('agendaSettings.workingHours.closed')
                : day
                    .map(([start, end]) =>
                      t('agendaSettings.workingHours.interval', { start, end }),
                    )
                    .join(t('agendaSettings.workingHours.and'))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
