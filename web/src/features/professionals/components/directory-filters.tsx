import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '@caliu/common';
import type { DirectoryFilters } from '../api/get-professionals';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../professionals.module.css';
import { buttonClass } from '@/components/ui/button';

type DirectoryFiltersFormProps = {
  filters: DirectoryFilters;
  teams: Team[];
  onApply: (filters: DirectoryFilters) => void;
};

/** Search by name or username, and filter by team and by state. */
export function DirectoryFiltersForm({ filters, teams, onApply }: DirectoryFiltersFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState(filters.q ?? '');
  const [shown, setShown] = useState(filters);
  if (shown !== filters) {
    // Back or a link changed the search: the form follows it.
    setShown(filters);
    setQ(filters.q ?? '');
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ ...filters, q: q.trim() || undefined });
  };
  return (
    <form
      className={cx(styles.directoryFilters, 'card')}
      role="search"
      onSubmit={submit}
      aria-label={t('professionals.filters.label')}
    >
      <div className={cx(fieldCss.field, styles.directoryFiltersQ, 'field')}>
        <label htmlFor={`${id}-q`}>{t('professionals.filters.q')}</label>
        <div className={styles.searchBox}>
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            autoComplete="off"
            aria-describedby={`${id}-q-hint`}
            value={q}
            onChange={(event) => setQ(event.target.value)}
          />
          <button type="submit" className={buttonClass()}>
            {t('professionals.filters.search')}
          </button>
        </div>
        <p id={`${id}-q-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {t('professionals.filters.qHint')}
        </p>
      </div>
      <div className={cx(fieldCss.field, 'field')}>
        <label htmlFor={`${id}-team`}>{t('professionals.filters.team')}</label>
        <select
          id={`${id}-team`}
          name="teamId"
          value={filters.teamId ?? ''}
          onChange={(event) =>
            onApply({
              ...filters,
              q: q.trim() || undefined,
              teamId: event.target.value || undefined,
            })
          }
        >
          <option value="">{t('professionals.filters.anyTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className={cx(fieldCss.field, 'field')}>
        <label htmlFor={`${id}-active`}>{t('professionals.filters.active')}</label>
        <select
          id={`${id}-active`}
          name="active"
          value={filters.active ?? ''}
          onChange={(event) =>
            onApply({
              ...filters,
              q: q.trim() || undefined,
              active: (event.target.value || undefined) as DirectoryFilters['active'],
            })
          }
        >
          <option value="">{t('professionals.filters.anyState')}</option>
          <option value="true">{t('professionals.filters.activeOnly')}</option>
          <option value="false">{t('professionals.filters.inactiveOnly')}</option>
        </select>
      </div>
    </form>
  );
}
