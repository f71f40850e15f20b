import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import fieldCss from '@/components/ui/form-field.module.css';
import { DEMAND_RULES } from '../content-validation';
import type { DemandField, DemandValues } from '../content-validation';
import { DemandEntry } from './content-entries';
import { DateField, NotesField, PersonField, TypeField } from './content-fields';
import { ContentSection } from './content-section';
import type { FieldsProps } from './content-section';

/** The Demands tab: what the persons of the case file ask for. */
export function DemandsSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  return (
    <ContentSection
      caseFile={caseFile}
      kind="demand"
      rules={DEMAND_RULES}
      Fields={DemandFields}
      submitLabel={() => t('caseContent.demand.submit')}
      Entry={DemandEntry}
    />
  );
}

/** A demand: its type, who asks, the day they asked (not after today) and what they ask. */
function DemandFields({ form, caseFile, today }: FieldsProps<DemandValues, DemandField>) {
  const { t } = useTranslation();
  return (
    <>
      <div className={fieldCss.formRow}>
        <TypeField catalogue="demand" {...form.bind('typeId')} />
        <PersonField caseFile={caseFile} {...form.bind('personId')} />
      </div>
      <DateField
        {...form.bind('requestedOn')}
        label={t('caseContent.demand.requestedOn')}
        required
        max={today}
      />
      <NotesField
        {...form.bind('description')}
        label={t('caseContent.demand.description')}
        hint={t('caseContent.demand.descriptionHint')}
      />
    </>
  );
}
