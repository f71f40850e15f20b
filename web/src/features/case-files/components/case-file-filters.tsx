import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_FILE_STATES, CASE_SCOPES } from '@caliu/common';
import type { CaseFileState, CaseScope } from '@caliu/common';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../case-files.module.css';

/** Whose case files the list shows: the user's own, all they may see, or a team's. */
export type Whose = { kind: 'mine' } | { kind: 'all' } | { kind: 'team'; teamId: string };

/** The list's filters, as the page's address carries them. */
export type ListFilters = {
  whose: Whose;
  scope?: CaseScope | undefined;
  state?: CaseFileState | undefined;
  municipalityId?: string | undefined;
};

type Named = { id: string; name: string };

type CaseFileFiltersProps = {
  filters: ListFilters;
  teams: readonly Named[];
  municipalities: readonly Named[];
  onApply: (filters: ListFilters) => void;
};

const whoseValue = (whose: Whose) => (whose.kind === 'team' ? whose.teamId : whose.kind);

function whoseOf(value: string): Whose {
  if (value === 'mine' || value === 'all') return { kind: value };
  return { kind: 'team', teamId: value };
}

/** Whose case files (mine, all I may see, a team's), and their scope, state and municipality. */
export function CaseFileFilters({ filters, teams, municipalities, onApply }: CaseFileFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  type Option = { value: string; label: string };
  const select = (
    field: 'whose' | 'scope' | 'state' | 'municipalityId',
    label: string,
    value: string,
    options: readonly Option[],
    apply: (value: string) => ListFilters,
    { any, group }: { any?: string; group?: { label: string; options: readonly Option[] } } = {},
  ) => (
    <div className={cx(fieldCss.field, 'field')}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <select
        id={`${id}-${field}`}
        name={field}
        value={value}
        onChange={(event) => onApply(apply(event.target.value))}
      >
        {any !== undefined && <option value="">{any}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {group && group.options.length > 0 && (
          <optgroup label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
  return (
    <form
      className={cx(styles.filters, 'card')}
      role="search"
      aria-label={t('caseFiles.list.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
      {select(
        'whose',
        t('caseFiles.list.whose'),
        whoseValue(filters.whose),
        [
          { value: 'mine', label: t('caseFiles.list.mine') },
          { value: 'all', label: t('caseFiles.list.all') },
        ],
        (value) => ({ ...filters, whose: whoseOf(value) }),
        {
          group: {
            label: t('caseFiles.list.teams'),
            options: teams.map((team) => ({ value: team.id, label: team.name })),
          },
        },
      )}
      {select(
        'scope',
        t('caseFiles.fields.scope'),
        filters.scope ?? '',
        CASE_SCOPES.map((scope) => ({ value: scope, label: t(`caseFiles.scopes.${scope}`) })),
        (value) => ({ ...filters, scope: (value || undefined) as CaseScope | undefined }),
        { any: t('caseFiles.list.anyScope') },
      )}
      {select(
        'state',
        t('caseFiles.fields.state'),
        filters.state ?? '',
        CASE_FILE_STATES.map((state) => ({ value: state, label: t(`caseFiles.states.${state}`) })),
        (value) => ({ ...filters, state: (value || undefined) as CaseFileState | undefined }),
        { any: t('caseFiles.list.anyState') },
      )}
      {select(
        'municipalityId',
        t('caseFiles.fields.municipality'),
        filters.municipalityId ?? '',
        municipalities.map((m) => ({ value: m.id, label: m.name })),
        (value) => ({ ...filters, municipalityId: value || undefined }),
        { any: t('caseFiles.list.anyMunicipality') },
      )}
    </form>
  );
}
