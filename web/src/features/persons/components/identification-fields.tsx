import { useTranslation } from 'react-i18next';
import { PERSON_DOCUMENT_TYPES, SEXES } from '@caliu/common';
import { COUNTRY_CODES } from '../countries';
import { useCountryName } from '../dates';
import { SelectField, TextField } from './field-controls';
import type { FormBinding } from './field-controls';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

/** Who the person is: name and surnames, sex, date of birth, nationality, identity document. */
export function IdentificationFields({ form, today }: { form: FormBinding; today: string }) {
  const { t, i18n } = useTranslation();
  const countryName = useCountryName();
  const collator = new Intl.Collator(i18n.language);
  const countries = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) })).sort(
    (a, b) => collator.compare(a.label, b.label),
  );
  const documentType = form.values.documentType;
  return (
    <>
      <div className={cx(fieldCss.formRow, fieldCss.formRowThree)}>
        <TextField
          form={form}
          field="givenName"
          label={t('persons.fields.givenName')}
          autoComplete="off"
          required
        />
        <TextField
          form={form}
          field="firstSurname"
          label={t('persons.fields.firstSurname')}
          required
        />
        <TextField
          form={form}
          field="secondSurname"
          label={t('persons.fields.secondSurname')}
          hint={t('persons.hints.secondSurname')}
        />
      </div>
      <div className={cx(fieldCss.formRow, fieldCss.formRowThree)}>
        <SelectField
          form={form}
          field="sex"
          label={t('persons.fields.sex')}
          empty={t('persons.notStated')}
          options={SEXES.map((sex) => ({ value: sex, label: t(`persons.sexes.${sex}`) }))}
        />
        <TextField
          form={form}
          field="birthDate"
          type="date"
          label={t('persons.fields.birthDate')}
          min="1900-01-01"
          max={today}
        />
        <SelectField
          form={form}
          field="nationality"
          label={t('persons.fields.nationality')}
          empty={t('persons.notStated')}
          options={countries}
        />
      </div>
      <div className={cx(fieldCss.formRow, fieldCss.formRowDocument)}>
        <SelectField
          form={form}
          field="documentType"
          label={t('persons.fields.documentType')}
          empty={t('persons.documentTypes.none')}
          options={PERSON_DOCUMENT_TYPES.map((type) => ({
            value: type,
            label: t(`persons.documentTypes.${type}`),
          }))}
        />
        <TextField
          form={form}
          field="documentNumber"
          label={t('persons.fields.documentNumber')}
          hint={t(`persons.documentHints.${documentType || 'none'}`)}
          code
        />
      </div>
    </>
  );
}
