import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Professional, Team } from '@caliu/common';
import { StatusBadges } from './status-badges';
import { cx } from '@/lib/cx';
import styles from '../professionals.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';

/** One page of the directory. */
export function DirectoryTable({
  professionals,
  teams,
}: {
  professionals: Professional[];
  teams: Team[];
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  return (
    <TableScroll labelledBy={captionId}>
      <table className={cx(tableCss.dataTable, 'directory-table')}>
        <caption id={captionId} className="visually-hidden">
          {t('professionals.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('professionals.table.name')}</th>
            <th scope="col">{t('professionals.table.roles')}</th>
            <th scope="col">{t('professionals.table.teams')}</th>
            <th scope="col">{t('professionals.table.status')}</th>
          </tr>
        </thead>
        <tbody>
          {professionals.map((professional) => (
            <tr key={professional.id}>
              <th scope="row">
                <Link
                  to={`/professionals/${professional.id}`}
                  className={styles.directoryTableName}
                >
                  {[professional.surnames, professional.givenName].join(', ')}
                </Link>
                <span className={styles.directoryTableMeta}>{professional.username}</span>
                <span className={styles.directoryTableMeta}>{professional.email}</span>
              </th>
              <td>{professional.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
              <td>
                {professional.teams
                  .map((m) => {
                    const name = teamName.get(m.teamId) ?? '…';
                    return m.isCoordinator
                      ? t('professionals.coordinatorOf', { team: name })
                      : name;
                  })
                  .join(', ') || '—'}
              </td>
              <td>
                <StatusBadges professional={professional} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
