import { useTranslation } from 'react-i18next';
import {
  HELP_TYPES,
  HELP_URGENCIES,
  HELP_WHEN,
  LANGUAGES,
  PARTS_OF_DAY,
  type HelpRequestEdit,
} from '@caliu/common';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { useMunicipalities } from '@/lib/api/organization';
import { cx } from '@/lib/cx';

/** What the request's form holds while typed: the edit's fields as text. */
export type RequestDraft = {
  name: string;
  phone: string;
  email: string;
  address: string;
  municipalityId: string;
  helpType: HelpRequestEdit['helpType'];
  when: HelpRequestEdit['when'];
  neededOn: string;
  neededPart: string;
  urgency: HelpRequestEdit['urgency'];
  description: string;
  language: HelpRequestEdit['language'];
};

/** The draft as the API takes it (no date for "as soon as possible"). */
export function editOf(draft: RequestDraft): HelpRequestEdit {
  const dated = draft.when === 'date';
  return {
    name: draft.name,
    phone: draft.phone,
    email: draft.email,
    address: draft.address,
    municipalityId: draft.municipalityId,
    helpType: draft.helpType,
    when: draft.when,
    ...(dated && draft.neededOn ? { neededOn: draft.neededOn } : {}),
    ...(dated && draft.neededPart
      ? { neededPart: draft.neededPart as NonNullable<HelpRequestEdit['neededPart']> }
      : {}),
    urgency: draft.urgency,
    description: draft.description,
    language: draft.language,
  };
}

type Props = {
  idPrefix: string;
  draft: RequestDraft;
  onChange: (draft: RequestDraft) => void;
  /** The API's message for each field it refused. */
  errors: Record<string, string>;
};

/** The request's fields, the same for the operator's verification and a phone call's entry. */
export function RequestFields({ idPrefix, draft, onChange, errors }: Props) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const id = (name: string) => `${idPrefix}-${name}`;
  const text = (name: 'name' | 'phone' | 'email' | 'address', type = 'text', required = false) => (
    <FormField
      id={id(name)}
      label={t(`communityHelp.fields.${name}`)}
      error={errors[name]}
      required={required}
    >
      {(control) => (
        <input
          {...control}
          type={type}
          value={draft[name]}
          onChange={(event) => set(name, event.target.value)}
        />
      )}
    </FormField>
  );
  return (
    <>
      {text('name', 'text', true)}
      {text('phone', 'tel')}
      {text('email', 'email')}
      {text('address', 'text', true)}
      <FormField
        id={id('municipalityId')}
        label={t('communityHelp.fields.municipality')}
        error={errors.municipalityId}
        required
      >
        {(control) => (
          <select
            {...control}
            value={draft.municipalityId}
            onChange={(event) => set('municipalityId', event.target.value)}
          >
            <option value="" />
            {(municipalities.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={id('helpType')}
        label={t('communityHelp.fields.helpType')}
        error={errors.helpType}
        required
      >
        {(control) => (
          <select
            {...control}
            value={draft.helpType}
            onChange={(event) => set('helpType', event.target.value as RequestDraft['helpType'])}
          >
            {HELP_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`communityHelp.helpTypes.${type}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FieldGroup id={id('when')} legend={t('communityHelp.fields.when')} error={errors.when}>
        <ul className={fieldCss.radioRow}>
          {HELP_WHEN.map((when) => (
            <li key={when}>
              <label className={cx(fieldCss.checkbox, 'checkbox')}>
                <input
                  type="radio"
                  name={id('when')}
                  value={when}
                  checked={draft.when === when}
                  onChange={() => set('when', when)}
                />
                {t(`communityHelp.whens.${when}`)}
              </label>
            </li>
          ))}
        </ul>
      </FieldGroup>
      {draft.when === 'date' && (
        <>
          <FormField
            id={id('neededOn')}
            label={t('communityHelp.fields.neededOn')}
            error={errors.neededOn}
            required
          >
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.neededOn}
                onChange={(event) => set('neededOn', event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id={id('neededPart')}
            label={t('communityHelp.fields.neededPart')}
            error={errors.neededPart}
            required
          >
            {(control) => (
              <select
                {...control}
                value={draft.neededPart}
                onChange={(event) => set('neededPart', event.target.value)}
              >
                <option value="" />
                {PARTS_OF_DAY.map((part) => (
                  <option key={part} value={part}>
                    {t(`communityHelp.parts.${part}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </>
      )}
      <FormField
        id={id('urgency')}
        label={t('communityHelp.fields.urgency')}
        error={errors.urgency}
        required
      >
        {(control) => (
          <select
            {...control}
            value={draft.urgency}
            onChange={(event) => set('urgency', event.target.value as RequestDraft['urgency'])}
          >
            {HELP_URGENCIES.map((urgency) => (
              <option key={urgency} value={urgency}>
                {t(`communityHelp.urgencies.${urgency}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={id('description')}
        label={t('communityHelp.fields.description')}
        error={errors.description}
        required
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            value={draft.description}
            onChange={(event) => set('description', event.target.value)}
          />
        )}
      </FormField>
      <FormField
        id={id('language')}
        label={t('communityHelp.fields.language')}
        error={errors.language}
      >
        {(control) => (
          <select
            {...control}
            value={draft.language}
            onChange={(event) => set('language', event.target.value as RequestDraft['language'])}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`communityHelp.languages.${language}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </>
  );
}

/** The API's field messages by field (the first of each). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const details =
    error && typeof error === 'object' && 'details' in error
      ? ((error as { details: { field?: string; message: string }[] }).details ?? [])
      : [];
  const errors: Record<string, string> = {};
  for (const detail of details) {
    const field = detail.field?.split('.')[0];
    if (field && !errors[field]) errors[field] = detail.message;
  }
  return errors;
}
