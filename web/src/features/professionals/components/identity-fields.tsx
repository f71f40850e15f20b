import { useTranslation } from 'react-i18next';
import { DOCUMENT_TYPES, LANGUAGES } from '@caliu/common';
import type { DocumentType, Language } from '@caliu/common';
import { FormField } from '@/components/ui/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import { LANGUAGE_NAMES } from '@/lib/languages';
import type { ProfessionalField, ProfessionalValues } from '../form-values';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

export type FieldsProps = {
  idPrefix: string;
  values: ProfessionalValues;
  errors: FieldErrors;
  set: <K extends keyof ProfessionalValues>(key: K, value: ProfessionalValues[K]) => void;
  touch: (field: ProfessionalField) => void;
  creating: boolean;
};

/** Who the professional is: name, identity document, corporate email, username, language. */
export function IdentityFields({
  idPrefix,
  values,
  errors,
  set,
  touch,
  creating,
  domains,
  entityLanguage,
}: FieldsProps & { domains: readonly string[] | null; entityLanguage: Language }) {
  const { t } = useTranslation();
  const id = (field: ProfessionalField) => `${idPrefix}-${field}`;
  const text = (field: 'givenName' | 'surnames', autoComplete: string) => (
    <FormField
      id={id(field)}
      label={t(`professionals.fields.${field}`)}
      error={errors[field]}
      required
    >
      {(control) => (
        <input
          {...control}
          name={field}
          type="text"
          autoComplete={autoComplete}
          value={values[field]}
          onChange={(event) => set(field, event.target.value)}
          onBlur={() => touch(field)}
        />
      )}
    </FormField>
  );
  return (
    <>
      <div className={fieldCss.formRow}>
        {text('givenName', 'off')}
        {text('surnames', 'off')}
      </div>
      <div className={cx(fieldCss.formRow, fieldCss.formRowDocument)}>
        <FormField
          id={id('documentType')}
          label={t('professionals.fields.documentType')}
          error={errors.documentType}
          required
        >
          {(control) => (
            <select
              {...control}
              name="documentType"
              value={values.documentType}
              onChange={(event) => set('documentType', event.target.value as DocumentType)}
            >
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`professionals.documentTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={id('documentNumber')}
          label={t('professionals.fields.documentNumber')}
          hint={t(`professionals.documentHints.${values.documentType}`)}
          error={errors.documentNumber}
          required={creating}
        >
          {(control) => (
            <input
              {...control}
              name="documentNumber"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={values.documentNumber}
              onChange={(event) => set('documentNumber', event.target.value)}
              onBlur={() => touch('documentNumber')}
            />
          )}
        </FormField>
      </div>
      <FormField
        id={id('email')}
        label={t('professionals.fields.email')}
        hint={
          domains?.length
            ? t('professionals.hints.emailDomains', { domains: domains.join(', ') })
            : t('professionals.hints.email')
        }
        error={errors.email}
        required
      >
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={values.email}
            onChange={(event) => set('email', event.target.value)}
            onBlur={() => touch('email')}
          />
        )}
      </FormField>
      <div className={fieldCss.formRow}>
        {creating && (
          <FormField
            id={id('username')}
            label={t('professionals.fields.usernameOptional')}
            hint={t('professionals.hints.username')}
            error={errors.username}
          >
            {(control) => (
              <input
                {...control}
                name="username"
                type="text"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={values.username}
                onChange={(event) => set('username', event.target.value)}
                onBlur={() => touch('username')}
              />
            )}
          </FormField>
        )}
        <FormField
          id={id('language')}
          label={t('professionals.fields.language')}
          hint={t('professionals.hints.language')}
          error={errors.language}
        >
          {(control) => (
            <select
              {...control}
              name="language"
              value={values.language}
              onChange={(event) => set('language', event.target.value as Language | '')}
            >
              <option value="">
                {t('professionals.entityLanguage', { language: LANGUAGE_NAMES[entityLanguage] })}
              </option>
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {LANGUAGE_NAMES[language]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </>
  );
}
