import { useTranslation } from 'react-i18next';
import { RESOURCE_UNITS } from '@caliu/common';
import type { CaseFile } from '@caliu/common';
import fieldCss from '@/components/ui/form-field.module.css';
import { RESOURCE_RULES } from '../content-validation';
import type { ResourceField, ResourceValues } from '../content-validation';
import { ResourceEntry } from './content-entries';
import { DateField, NotesField, PersonField, TypeField } from './content-fields';
import { ContentSection } from './content-section';
import type { FieldsProps } from './content-section';
import { InputField, SelectField } from './fields';
import { ResourceMoves } from './resource-moves';

/** The states a resource may be recorded in: pre-assigned (the default), or granted at once. */
const STATES_ON_CREATION = ['pre_assigned', 'granted'] as const;

/**
 * The Resources tab: benefits and services assigned to the persons of the case file, each
 * pre-assigned first, then granted or denied, and a granted one ended.
 */
export function ResourcesSection({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  return (
    <ContentSection
      caseFile={caseFile}
      kind="resource"
      rules={RESOURCE_RULES}
      Fields={ResourceFields}
      submitLabel={(values) =>
        values.state === 'granted'
          ? t('caseContent.resource.submit.granted')
          : t('caseContent.resource.submit.pre_assigned')
      }
      Entry={ResourceEntry}
      actions={(resource, done) => (
        <ResourceMoves caseFile={caseFile} resource={resource} onDone={done} />
      )}
    />
  );
}

/**
 * A resource: its type, whom it is for, its state when recorded (an edit leaves the state to the
 * Grant, Deny and End buttons), its dates, its amount in euros or hours a week, and notes.
 */
function ResourceFields({ form, caseFile }: FieldsProps<ResourceValues, ResourceField>) {
  const { t } = useTranslation();
  return (
    <>
      <div className={fieldCss.formRow}>
        <TypeField catalogue="resource" {...form.bind('typeId')} />
        <PersonField caseFile={caseFile} {...form.bind('personId')} />
      </div>
      {form.mode === 'create' && (
        <SelectField
          {...form.bind('state')}
          label={t('caseContent.resource.state')}
          hint={t('caseContent.resource.stateHint')}
          required
          options={STATES_ON_CREATION.map((state) => ({
            value: state,
            label: t(`caseContent.resource.states.${state}`),
          }))}
        />
      )}
      <div className={fieldCss.formRow}>
        <DateField {...form.bind('startsOn')} label={t('caseContent.resource.startsOn')} />
        <DateField
          {...form.bind('endsOn')}
          label={t('caseContent.resource.endsOn')}
          after={form.values.startsOn}
        />
      </div>
      <div className={fieldCss.formRow}>
        <InputField
          {...form.bind('amount')}
          inputMode="decimal"
          label={t('caseContent.resource.amount')}
          hint={t('caseContent.resource.amountHint')}
        />
        <SelectField
          {...form.bind('unit')}
          label={t('caseContent.resource.unit')}
          empty={t('caseContent.resource.noUnit')}
          options={RESOURCE_UNITS.map((unit) => ({
            value: unit,
            label: t(`caseContent.resource.units.${unit}`),
          }))}
        />
      </div>
      <NotesField {...form.bind('notes')} />
    </>
  );
}
