import { useTranslation } from 'react-i18next';
import type { Municipality } from '@caliu/common';
import { CheckboxList } from '@/components/checkbox-list';
import type { FieldErrors } from '@/lib/form-errors';
import { NameField } from './name-field';
import { RecordFormCard } from './record-form-card';
import type { RecordFormProps } from './record-list-page';
import { useRecordForm } from './use-record-form';

const FIELDS = ['name', 'municipalityIds'] as const;

type SectorFormProps = RecordFormProps<'sectors'> & { municipalities: Municipality[] };

/** Add or edit a sector: its name and the municipalities it covers (one at least). */
export function SectorForm({ editing, municipalities, onSaved, onCancel }: SectorFormProps) {
  const { t } = useTranslation();
  const form = useRecordForm({
    kind: 'sectors',
    editing,
    fields: FIELDS,
    initial: () => ({
      name: editing?.name ?? '',
      municipalityIds: editing?.municipalityIds ?? ([] as string[]),
    }),
    problems: ({ name, municipalityIds }) => {
      const problems: FieldErrors = {};
      if (!name.trim()) problems.name = t('forms.required');
      if (municipalityIds.length === 0) {
        problems.municipalityIds = t('organization.sectors.errors.municipalities');
      }
      return problems;
    },
    input: ({ name, municipalityIds }) => ({ name: name.trim(), municipalityIds }),
    onSaved,
  });
  const { id, errors, values, set } = form;

  return (
    <RecordFormCard
      kind="sectors"
      editing={editing}
      form={form}
      shownByFields={FIELDS}
      onCancel={onCancel}
    >
      <NameField
        idPrefix={id}
        label={t('organization.sectors.name')}
        value={values.name}
        error={errors.name}
        onChange={(name) => set('name', name)}
        onBlur={() => form.touch('name')}
      />
      <CheckboxList
        id={`${id}-municipalityIds`}
        name="municipalityIds"
        legend={t('organization.sectors.municipalities')}
        hint={t('organization.sectors.municipalitiesHint')}
        error={errors.municipalityIds}
        required
        options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        selected={values.municipalityIds}
        onChange={(ids) => {
          set('municipalityIds', ids);
          form.touch('municipalityIds');
        }}
        empty={t('organization.sectors.noMunicipalities')}
      />
    </RecordFormCard>
  );
}
