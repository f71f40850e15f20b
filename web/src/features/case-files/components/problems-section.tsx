import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import fieldCss from '@/components/ui/form-field.module.css';
import { PROBLEM_RULES } from '../content-validation';
import type { ProblemField, ProblemValues } from '../content-validation';
import { ProblemEntry } from './content-entries';
import { DateField, NotesField, PersonField, TypeField } from './content-fields';
import { ContentSection } from './content-section';
import type { FieldsProps } from './content-section';
import { CheckboxField } from './fields';

/** The Problems tab: the needs or problems the professional identifies, active or not. */
export function ProblemsSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  return (
    <ContentSection
      caseFile={caseFile}
      kind="problem"
      rules={PROBLEM_RULES}
      Fields={ProblemFields}
      submitLabel={() => t('caseContent.problem.submit')}
      Entry={ProblemEntry}
    />
  );
}

/**
 * A problem: its type, whom it concerns, since when, whether it is still active (and, once it is
 * not, since when), and notes.
 */
function ProblemFields({ form, caseFile }: FieldsProps<ProblemValues, ProblemField>) {
  const { t } = useTranslation();
  return (
    <>
      <div className={fieldCss.formRow}>
        <TypeField catalogue="problem" {...form.bind('typeId')} />
        <PersonField caseFile={caseFile} {...form.bind('personId')} />
      </div>
      <DateField
        {...form.bind('startedOn')}
        label={t('caseContent.problem.startedOn')}
        hint={t('caseContent.problem.startedOnHint')}
        required
      />
      <CheckboxField
        id={form.id('active')}
        name="active"
        label={t('caseContent.problem.active')}
        hint={t('caseContent.problem.activeHint')}
        checked={form.values.active}
        onChange={(active) => form.set('active', active)}
      />
      {!form.values.active && (
        <DateField
          {...form.bind('endedOn')}
          label={t('caseContent.problem.endedOn')}
          hint={t('caseContent.problem.endedOnHint')}
          after={form.values.startedOn}
        />
      )}
      <NotesField {...form.bind('notes')} />
    </>
  );
}
