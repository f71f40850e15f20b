import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality, Sector, Team } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FieldErrors } from '@/lib/form-errors';
import { NameField } from './name-field';
import { useRecordForm } from './use-record-form';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

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
  const [name, setName] = useState(editing?.name ?? '');
  const [sectorIds, setSectorIds] = useState<string[]>(editing?.sectorIds ?? []);
  const [municipalityIds, setMunicipalityIds] = useState<string[]>(editing?.municipalityIds ?? []);
  const [active, setActive] = useState(editing?.active ?? true);

  const problems: FieldErrors = {};
  if (!name.trim()) problems.name = t('forms.required');
  const form = useRecordForm({
    kind: 'teams',
    editing,
    fields: FIELDS,
    problems,
    input: () => ({ name: name.trim(), sectorIds, municipalityIds }),
    editInput: (input) => ({ ...input, active }),
    onSaved,
  });
  const { id, save, errors, submit } = form;

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert error={save.error} shownByFields={FIELDS} />
      <NameField
        idPrefix={id}
        label={t('organization.teams.name')}
        value={name}
        error={errors.name}
        onChange={setName}
        onBlur={() => form.touch('name')}
      />
      <p className={cx(fieldCss.fieldHint, 'field__hint')}>
        {t('organization.teams.territoryHint')}
      </p>
      <div className={fieldCss.formRow}>
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
        <div className={cx(fieldCss.field, 'field')}>
          <label className={cx(fieldCss.checkbox, 'checkbox')}>
            <input
              type="checkbox"
              name="active"
              checked={active}
              aria-describedby={`${id}-active-hint`}
              onChange={(event) => setActive(event.target.checked)}
            />
            <span>{t('organization.teams.active')}</span>
          </label>
          <p
            id={`${id}-active-hint`}
            className={cx(fieldCss.fieldHint, fieldCss.checkboxHint, 'field__hint')}
          >
            {t('organization.teams.activeHint')}
          </p>
        </div>
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending
          ? t('forms.saving')
          : editing
            ? t('forms.save')
            : t('organization.teams.create')}
      </Button>
    </form>
  );
}
