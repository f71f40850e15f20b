import { useTranslation } from 'react-i18next';
import { FormField } from '@/components/ui/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import { NameField } from './name-field';
import { RecordFormCard } from './record-form-card';
import type { RecordFormProps } from './record-list-page';
import { useRecordForm } from './use-record-form';
import fieldCss from '@/components/ui/form-field.module.css';

const FIELDS = ['name', 'ineCode'] as const;

/** Add or edit a municipality: its name and, optionally, its INE code. */
export function MunicipalityForm({
  editing,
  onSaved,
  onCancel,
}: RecordFormProps<'municipalities'>) {
  const { t } = useTranslation();
  const form = useRecordForm({
    kind: 'municipalities',
    editing,
    fields: FIELDS,
    initial: () => ({ name: editing?.name ?? '', ineCode: editing?.ineCode ?? '' }),
    problems: ({ name, ineCode }) => {
      const problems: FieldErrors = {};
      if (!name.trim()) problems.name = t('forms.required');
      if (ineCode.trim() && !/^\d{5,6}$/.test(ineCode.trim())) {
        problems.ineCode = t('organization.municipalities.errors.ineCode');
      }
      return problems;
    },
    input: ({ name, ineCode }) => ({ name: name.trim(), ineCode: ineCode.trim() || null }),
    onSaved,
  });
  const { id, errors, values, set } = form;

  return (
    <RecordFormCard
      kind="municipalities"
      editing={editing}
      form={form}
      shownByFields={FIELDS}
      onCancel={onCancel}
    >
      <div className={fieldCss.formRow}>
        <NameField
          idPrefix={id}
          label={t('organization.municipalities.name')}
          value={values.name}
          error={errors.name}
          onChange={(name) => set('name', name)}
          onBlur={() => form.touch('name')}
        />
        <FormField
          id={`${id}-ineCode`}
          label={t('organization.municipalities.ineCode')}
          hint={t('organization.municipalities.ineCodeHint')}
          error={errors.ineCode}
        >
          {(control) => (
            <input
              {...control}
              name="ineCode"
              type="text"
              inputMode="numeric"
              value={values.ineCode}
              onChange={(event) => set('ineCode', event.target.value)}
              onBlur={() => form.touch('ineCode')}
            />
          )}
        </FormField>
      </div>
    </RecordFormCard>
  );
}
