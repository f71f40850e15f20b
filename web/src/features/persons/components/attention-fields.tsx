import { useTranslation } from 'react-i18next';
import type { Person } from '@caliu/common';
import { OPTIONS_STALE_TIME, useTeams } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { useReferents } from '../api/get-referents';
import { useTeamForPlace } from '../api/get-team-for-place';
import { SelectField } from './field-controls';
import type { FormBinding } from './field-controls';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

type AttentionFieldsProps = {
  form: FormBinding;
  /** The record being edited; none: a new one. */
  person: Person | undefined;
  /** Whether the user may choose the referent and the team (a coordinator of the person's team). */
  reassign: boolean;
};

/** A field the user may not change: its value and who may. */
function StaticField({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className={cx(fieldCss.field, 'field')}>
      <span className={fieldCss.fieldLabel}>{label}</span>
      <p className={fieldCss.fieldStatic}>{value}</p>
      <p className={cx(fieldCss.fieldHint, 'field__hint')}>{hint}</p>
    </div>
  );
}

/**
 * Who attends the person: the referent professional and the team. A coordinator of the person's
 * team chooses both; anyone else creating a record may name themself as referent or no one, and
 * sees them as they are when editing (the API refuses the rest).
 */
export function AttentionFields({ form, person, reassign }: AttentionFieldsProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const referents = useReferents();
  const teams = useTeams({ enabled: reassign, staleTime: OPTIONS_STALE_TIME });
  // A new record: the team its place gives it, shown once the municipality is chosen.
  const placeTeam = useTeamForPlace(
    form.values.municipalityId,
    form.values.sectorId,
    !person && form.values.teamId === '',
  );
  const placeAnswer = placeTeam.data;
  const placeName = placeAnswer?.team?.name;
  // Not answered yet, or failed (saving assigns the team all the same): the general words.
  const unanswered =
    form.values.municipalityId && placeTeam.isPending
      ? t('common.loading')
      : t('persons.teamByPlace');
  const activeTeams = (teams.data ?? []).filter(
    (team) => team.active || team.id === form.values.teamId,
  );
  const choosable = (referents.data ?? []).filter(
    (r) => reassign || r.id === me.id || r.id === form.values.referentId,
  );
  const referentField =
    reassign || (!person && choosable.length > 0) ? (
      <SelectField
        form={form}
        field="referentId"
        label={t('persons.fields.referentId')}
        hint={reassign ? t('persons.hints.referent') : t('persons.hints.referentSelf')}
        empty={referents.isPending ? t('common.loading') : t('persons.noReferent')}
        options={choosable.map((r) => ({ value: r.id, label: r.name }))}
      />
    ) : (
      <StaticField
        label={t('persons.fields.referentId')}
        value={person?.referent?.name ?? t('persons.noReferent')}
        hint={t('persons.hints.referentCoordinatorOnly')}
      />
    );
  return (
    <div className={fieldCss.formRow}>
      {referentField}
      {reassign ? (
        <SelectField
          form={form}
          field="teamId"
          label={t('persons.fields.teamId')}
          hint={t('persons.hints.team')}
          empty={
            person
              ? t('persons.noTeam')
              : !placeAnswer
                ? unanswered
                : placeName
                  ? t('persons.teamByPlaceNamed', { team: placeName })
                  : t('persons.noTeamForPlace')
          }
          options={activeTeams.map((team) => ({ value: team.id, label: team.name }))}
        />
      ) : (
        <StaticField
          label={t('persons.fields.teamId')}
          value={
            person
              ? (person.team?.name ?? t('persons.noTeam'))
              : placeAnswer
                ? (placeName ?? t('persons.noTeamForPlace'))
                : unanswered
          }
          hint={t('persons.hints.teamCoordinatorOnly')}
        />
      )}
    </div>
  );
}
