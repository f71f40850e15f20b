import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@caliu/common';
import { LANGUAGE_NAMES } from '@/lib/languages';
import { CheckboxField, SelectField, TextField } from './field-controls';
import type { FormBinding } from './field-controls';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

/** How to reach the person, in which language, and whether they accept reminders. */
export function ContactFields({ form }: { form: FormBinding }) {
  const { t } = useTranslation();
  return (
    <>
      <div className={cx(fieldCss.formRow, fieldCss.formRowThree)}>
        <TextField
          form={form}
          field="mobilePhone"
          type="tel"
          inputMode="tel"
          label={t('persons.fields.mobilePhone')}
        />
        <TextField
          form={form}
          field="otherPhone"
          type="tel"
          inputMode="tel"
          label={t('persons.fields.otherPhone')}
        />
        <TextField form={form} field="email" type="email" label={t('persons.fields.email')} />
      </div>
      <div className={fieldCss.formRow}>
        <SelectField
          form={form}
          field="preferredLanguage"
          label={t('persons.fields.preferredLanguage')}
          empty={t('persons.notStated')}
          options={LANGUAGES.map((language) => ({
            value: language,
            label: LANGUAGE_NAMES[language],
          }))}
        />
      </div>
      <fieldset className={fieldCss.fieldset}>
        <legend>{t('persons.fields.consents')}</legend>
        <CheckboxField
          form={form}
          field="consentSms"
          label={t('persons.fields.consentSms')}
          hint={t('persons.hints.consentSms')}
        />
        <CheckboxField
          form={form}
          field="consentEmail"
          label={t('persons.fields.consentEmail')}
          hint={t('persons.hints.consentEmail')}
        />
      </fieldset>
    </>
  );
}
