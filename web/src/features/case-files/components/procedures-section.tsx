import { useTranslation } from 'react-i18next';
import { PROCEDURE_STATUSES } from '@caliu/common';
import type { CaseFile } from '@caliu/common';
import fieldCss from '@/components/ui/form-field.module.css';
import { cx } from '@/lib/cx';
import { PROCEDURE_RULES } from '../content-validation';
import type { ProcedureField, ProcedureValues } from '../content-validation';
import { ProcedureEntry } from './content-entries';
import { DateField, NotesField, PersonField, TypeField } from './content-fields';
import { ContentSection } from './content-section';
import type { FieldsProps } from './content-section';
import { InputField, SelectField } from './fields';

/** The longest administration name and reference the API keeps. */
const ADMINISTRATION_MAX = 200;
const REFERENCE_MAX = 100;

/** The Procedures tab: applications to other administrations, and how they stand. */
export function ProceduresSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  return (
    <ContentSection
      caseFile={caseFile}
      kind="procedure"
      rules={PROCEDURE_RULES}
      Fields={ProcedureFields}
      submitLabel={() => t('caseContent.procedure.submit')}
      Entry={ProcedureEntry}
    />
  );
}

/**
 * A procedure: its type, whom it concerns, the administration it is filed with and its
 * reference there, its status, when it was filed and answered, and notes.
 */
function ProcedureFields({ form, caseFile }: FieldsProps<ProcedureValues, ProcedureField>) {
  const { t } = useTranslation();
  return (
    <>
      <div className={fieldCss.formRow}>
        <TypeField catalogue="procedure" {...form.bind('typeId')} />
        <PersonField caseFile={caseFile} {...form.bind('personId')} />
      </div>
      <div className={fieldCss.formRow}>
        <InputField
          {...form.bind('administration')}
          label={t('caseContent.procedure.administration')}
          hint={t('caseContent.procedure.administrationHint')}
          required
          maxLength={ADMINISTRATION_MAX}
        />
        <InputField
          {...form.bind('reference')}
          label={t('caseContent.procedure.reference')}
          hint={t('caseContent.procedure.referenceHint')}
          maxLength={REFERENCE_MAX}
        />
      </div>
      <div className={cx(fieldCss.formRow, fieldCss.formRowThree)}>
        <SelectField
          {...form.bind('status')}
          label={t('caseContent.procedure.status')}
          required
          options={PROCEDURE_STATUSES.map((status) => ({
            value: status,
            label: t(`caseContent.procedure.statuses.${status}`),
          }))}
        />
        <DateField {...form.bind('filedOn')} label={t('caseContent.procedure.filedOn')} />
        <DateField
          {...form.bind('answeredOn')}
          label={t('caseContent.procedure.answeredOn')}
          after={form.values.filedOn}
        />
      </div>
      <NotesField {...form.bind('notes')} />
    </>
  );
}
