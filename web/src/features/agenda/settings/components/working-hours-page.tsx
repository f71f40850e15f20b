import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/ui/query-state';
import { useWorkingHours } from '../api/working-hours';
import { SectorHoursForm } from './sector-hours-form';
import { SectorHoursSummary } from './sector-hours-summary';
import { SettingsPage, useNotice } from './settings-page';
import styles from '../settings.module.css';

/**
 * The working hours of the sectors of the user's teams: a coordinator of a sector's team changes
 * them (a form per sector); everyone else with an agenda reads them.
 */
export function WorkingHoursPage() {
  const { t } = useTranslation();
  const id = useId();
  const list = useWorkingHours();
  const [notice, say] = useNotice();
  return (
    <SettingsPage section="workingHours" notice={notice}>
      <QueryState query={list} empty={t('agendaSettings.workingHours.none')}>
        {(sectors) => (
          <div className={styles.sections}>
            {sectors.map((item, index) => (
              <section
                key={item.sector.id}
                className="card"
                aria-labelledby={`${id}-${index}`}
                data-testid="sector-hours"
              >
                <h2 id={`${id}-${index}`} className="section-title">
                  {item.sector.name}
                </h2>
                {item.canEdit ? (
                  <SectorHoursForm hours={item} onDone={say} />
                ) : (
                  <>
                    <p className="muted">{t('agendaSettings.workingHours.readOnly')}</p>
                    <SectorHoursSummary intervals={item.intervals} sector={item.sector.name} />
                  </>
                )}
              </section>
            ))}
          </div>
        )}
      </QueryState>
    </SettingsPage>
  );
}
