import { useTranslation } from 'react-i18next';
import type { Municipality, Sector, Team } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
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
  /** After Cancel has dropped the typing (a new team: back to the list). */
  onCancel?: () => void;
};

/**
 * A team's name, the territory it serves (sectors and/or municipalities) and, for an existing
 * team, whether it is active.
 */
export function TeamForm({ editing, sectors, municipalities, onSaved, onCancel }: TeamFormProps) {
  const { t } = useTranslation();
  const form = useRecordForm({
    kind: 'teams',
    editing,
    fields: FIELDS,
    initial: () => ({
      name: editing?.name ?? '',
      sectorIds: editing?.sectorIds ?? ([] as string[]),
      municipalityIds: editing?.municipalityIds ?? ([] as string[]),
      active: editing?.active ?? true,
    }),
    problems: ({ name }) => {
      const problems: FieldErrors = {};
      if (!name.trim()) problems.name = t('forms.required');
      return problems;
    },
    input: ({ name, sectorIds, municipalityIds }) => ({
      name: name.trim(),
      sectorIds,
      municipalityIds,
    }),
    editInput: (input, { active }) => ({ ...input, active }),
    onSaved,
  });
  const { id, save, errors, submit, values, set } = form;

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormDraftNotices draft={form.draft} />
      <ErrorAlert error={save.error} shownByFields={FIELDS} />
      <NameField
        idPrefix={id}
        label={t('organization.teams.name')}
        value={values.name}
        error={errors.name}
        onChange={(name) => set('name', name)}
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
          selected={values.sectorIds}
          onChange={(ids) => set('sectorIds', ids)}
          empty={t('organization.teams.noSectors')}
        />
        <CheckboxList
          id={`${id}-municipalityIds`}
          name="municipalityIds"
          legend={t('organization.teams.municipalities')}
          error={errors.municipalityIds}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          selected={values.municipalityIds}
          onChange={(ids) => set('municipalityIds', ids)}
          empty={t('organization.teams.noMunicipalities')}
        />
      </div>
      {editing && (
        <div className={cx(fieldCss.field, 'field')}>
          <label className={cx(fieldCss.checkbox, 'checkbox')}>
            <input
              type="checkbox"
              name="active"
              checked={values.active}
              aria-describedby={`${id}-active-hint`}
              onChange={(event) => set('active', event.target.checked)}
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
      <FormActions
        submitLabel={editing ? t('forms.save') : t('organization.teams.create')}
        pending={save.isPending}
        onCancel={() => {
          form.cancel();
          onCancel?.();
        }}
      />
    </form>
  );
}
