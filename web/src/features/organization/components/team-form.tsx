import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality, Sector, Team } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert } from '@/components/error-alert';
import { FormField } from '@/components/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { useCreateTeam } from '../api/create-team';
import { useUpdateTeam } from '../api/update-team';
import { refusalByField } from './municipality-form';

const FIELDS = ['name', 'sectorIds', 'municipalityIds'] as const;

type TeamFormProps = {
  editing: Team | null;
  sectors: Sector[];
  municipalities: Municipality[];
  onSaved: (team: Team) => void;
};

/**
 * A team's name, the territory it serves (sectors and/or municipalities) and, for an existing
 * team, whether it is active.
 */
export function TeamForm({ editing, sectors, municipalities, onSaved }: TeamFormProps) {
  const { t } = useTranslation();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const save = editing ? update : create;
  const id = useId();
  const [name, setName] = useState(editing?.name ?? '');
  const [sectorIds, setSectorIds] = useState<string[]>(editing?.sectorIds ?? []);
  const [municipalityIds, setMunicipalityIds] = useState<string[]>(editing?.municipalityIds ?? []);
  const [active, setActive] = useState(editing?.active ?? true);

  const problems: FieldErrors = {};
  if (!name.trim()) problems.name = t('forms.required');
  const validation = useValidation(FIELDS, problems);
  const errors = { ...refusalByField(save.error), ...validation.shown };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      save.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const input = { name: name.trim(), sectorIds, municipalityIds };
    if (editing) update.mutate({ id: editing.id, ...input, active }, { onSuccess: onSaved });
    else create.mutate(input, { onSuccess: onSaved });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert error={save.error} shownByFields={FIELDS} />
      <FormField
        id={`${id}-name`}
        label={t('organization.teams.name')}
        error={errors.name}
        required
      >
        {(control) => (
          <input
            {...control}
            name="name"
            type="text"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => validation.touch('name')}
          />
        )}
      </FormField>
      <p className="field__hint">{t('organization.teams.territoryHint')}</p>
      <div className="form__row">
        <CheckboxList
          id={`${id}-sectorIds`}
          name="sectorIds"
          legend={t('organization.teams.sectors')}
          error={errors.sectorIds}
          options={sectors.map((sector) => ({ value: sector.id, label: sector.name }))}
          selected={sectorIds}
          onChange={setSectorIds}
          empty={t('organization.teams.noSectors')}
        />
        <CheckboxList
          id={`${id}-municipalityIds`}
          name="municipalityIds"
          legend={t('organization.teams.municipalities')}
          error={errors.municipalityIds}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          selected={municipalityIds}
          onChange={setMunicipalityIds}
          empty={t('organization.teams.noMunicipalities')}
        />
      </div>
      {editing && (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              name="active"
              checked={active}
              aria-describedby={`${id}-active-hint`}
              onChange={(event) => setActive(event.target.checked)}
            />
            <span>{t('organization.teams.active')}</span>
          </label>
          <p id={`${id}-active-hint`} className="field__hint checkbox__hint">
            {t('organization.teams.activeHint')}
          </p>
        </div>
      )}
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {save.isPending
          ? t('forms.saving')
          : editing
            ? t('forms.save')
            : t('organization.teams.create')}
      </button>
    </form>
  );
}
