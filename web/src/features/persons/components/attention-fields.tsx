import { useTranslation } from 'react-i18next';
import type { Person } from '@caliu/common';
import { useReferents } from '../api/get-referents';
import { useTeamOptions } from '../api/get-teams';
import { SelectField } from './field-controls';
import type { FormBinding } from './field-controls';

type AttentionFieldsProps = {
  form: FormBinding;
  /** The record being edited; none: a new one. */
  person: Person | undefined;
  /** Whether the user may choose the team (a coordinator). */
  teamChoice: boolean;
};

/** Who attends the person: the referent professional and the team. */
export function AttentionFields({ form, person, teamChoice }: AttentionFieldsProps) {
  const { t } = useTranslation();
  const referents = useReferents();
  const teams = useTeamOptions(teamChoice);
  const activeTeams = (teams.data ?? []).filter(
    (team) => team.active || team.id === form.values.teamId,
  );
  return (
    <div className="form__row">
      <SelectField
        form={form}
        field="referentId"
        label={t('persons.fields.referentId')}
        hint={t('persons.hints.referent')}
        empty={referents.isPending ? t('common.loading') : t('persons.noReferent')}
        options={(referents.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
      />
      {teamChoice ? (
        <SelectField
          form={form}
          field="teamId"
          label={t('persons.fields.teamId')}
          hint={t('persons.hints.team')}
          empty={person ? t('persons.noTeam') : t('persons.teamByPlace')}
          options={activeTeams.map((team) => ({ value: team.id, label: team.name }))}
        />
      ) : (
        <div className="field">
          <span className="field__label">{t('persons.fields.teamId')}</span>
          <p className="field__static">{person?.team?.name ?? t('persons.teamByPlace')}</p>
          <p className="field__hint">{t('persons.hints.teamCoordinatorOnly')}</p>
        </div>
      )}
    </div>
  );
}
