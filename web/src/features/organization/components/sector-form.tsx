import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality, Sector } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import { ErrorAlert } from '@/components/error-alert';
import { FormField } from '@/components/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { useCreateSector } from '../api/create-sector';
import { useUpdateSector } from '../api/update-sector';
import { refusalByField } from './municipality-form';

const FIELDS = ['name', 'municipalityIds'] as const;

type SectorFormProps = {
  editing: Sector | null;
  municipalities: Municipality[];
  onSaved: (sector: Sector) => void;
  onCancel: () => void;
};

/** Add or edit a sector: its name and the municipalities it covers (one at least). */
export function SectorForm({ editing, municipalities, onSaved, onCancel }: SectorFormProps) {
  const { t } = useTranslation();
  const create = useCreateSector();
  const update = useUpdateSector();
  const save = editing ? update : create;
  const id = useId();
  const [name, setName] = useState(editing?.name ?? '');
  const [municipalityIds, setMunicipalityIds] = useState<string[]>(editing?.municipalityIds ?? []);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);

  const problems: FieldErrors = {};
  if (!name.trim()) problems.name = t('forms.required');
  if (municipalityIds.length === 0) {
    problems.municipalityIds = t('organization.sectors.errors.municipalities');
  }
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
    const input = { name: name.trim(), municipalityIds };
    if (editing) update.mutate({ id: editing.id, ...input }, { onSuccess: onSaved });
    else create.mutate(input, { onSuccess: onSaved });
  };

  return (
    <form
      className="card form inline-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} ref={headingRef} className="section-title" tabIndex={-1}>
        {editing
          ? t('organization.sectors.editTitle', { name: editing.name })
          : t('organization.sectors.newTitle')}
      </h2>
      <ErrorAlert error={save.error} shownByFields={FIELDS} />
      <FormField
        id={`${id}-name`}
        label={t('organization.sectors.name')}
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
      <CheckboxList
        id={`${id}-municipalityIds`}
        name="municipalityIds"
        legend={t('organization.sectors.municipalities')}
        hint={t('organization.sectors.municipalitiesHint')}
        error={errors.municipalityIds}
        required
        options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        selected={municipalityIds}
        onChange={(ids) => {
          setMunicipalityIds(ids);
          validation.touch('municipalityIds');
        }}
        empty={t('organization.sectors.noMunicipalities')}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending
            ? t('forms.saving')
            : editing
              ? t('forms.save')
              : t('organization.sectors.add')}
        </button>
        {editing && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('forms.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
