import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { QueryState } from '@/components/ui/query-state';
import { useAlerts } from '../api/get-alerts';
import { useSetAlertPreference } from '../api/set-alert-preference';
import styles from '../home.module.css';

/**
 * The user's alerts: each kind that is on, with how many records it holds, a link to them; and a
 * disclosure to switch kinds off or on again.
 */
export function AlertsPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const alerts = useAlerts(true);
  const setPreference = useSetAlertPreference();
  return (
    <section className="card alerts-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('homePage.alerts.title')}
      </h2>
      <QueryState query={alerts}>
        {(data) => {
          const on = data.items.filter((item) => item.enabled);
          const pending = on.filter((item) => (item.count ?? 0) > 0);
          return (
            <>
              {pending.length === 0 ? (
                <p className="muted">{t('homePage.alerts.none')}</p>
              ) : (
                <ul className={styles.alertList}>
                  {pending.map((item) => (
                    <li key={item.code} className={styles.alertItem}>
                      <Link to={`/alerts/${item.code}`}>
                        <span className={styles.alertCount}>{item.count}</span>{' '}
                        {t(`homePage.alerts.kinds.${item.code}`)}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              <details className={styles.settings}>
                <summary>{t('homePage.alerts.settings')}</summary>
                <fieldset className={styles.settingsList}>
                  <legend className="visually-hidden">{t('homePage.alerts.settings')}</legend>
                  {data.items.map((item) => (
                    <label key={item.code} className={styles.settingsItem}>
                      <input
                        type="checkbox"
                        checked={item.enabled}
                        disabled={setPreference.isPending}
                        onChange={(event) =>
                          setPreference.mutate({ kind: item.code, enabled: event.target.checked })
                        }
                      />{' '}
                      {t(`homePage.alerts.kinds.${item.code}`)}
                    </label>
                  ))}
                </fieldset>
                {setPreference.isError && <ErrorAlert error={setPreference.error} focus={false} />}
              </details>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
