import { useEffect, useId, useRef } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATALOGUE_CODE_PATTERN,
  CATALOGUE_LABEL_MAX,
  CATALOGUE_POSITION_MAX,
  LANGUAGES,
  OFFICIAL_CODE_PATTERN,
} from '@caliu/common';
import type { Catalogue, CatalogueAdminEntry, CatalogueLabels, Language } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import { FormField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-client';
import { cx } from '@/lib/cx';
import type { FieldErrors } from '@/lib/form-errors';
import { useDraftedForm } from '@/lib/use-form-draft';
import { useValidation } from '@/lib/use-validation';
import { useCreateCatalogueEntry } from '../api/create-catalogue-entry';
import { useUpdateCatalogueEntry } from '../api/update-catalogue-entry';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../organization.module.css';

type Values = Record<'code' | Language | 'officialCode' | 'position', string>;
type Field = keyof Values;
const FIELDS: readonly Field[] = ['code', ...LANGUAGES, 'officialCode', 'position'];

/** The server's refusals by field of this form: `labels.ca` is the Catalan name's field. */
function refusalsByField(error: Error | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    const field = detail.field?.replace(/^labels\./, '').split('.')[0];
    if (field && !errors[field]) errors[field] = detail.message;
  }
  return errors;
}

type CatalogueEntryFormProps = {
  catalogue: Catalogue;
  /** Whose name the headings use ("Demands"). */
  catalogueName: string;
  /** The entry being edited, or none: a new one. */
  editing: CatalogueAdminEntry | null;
  /** The edited entry's name in the user's language. */
  editingName: string | null;
  onSaved: (entry: CatalogueAdminEntry) => void;
  onCancel: () => void;
};

/**
 * Add an entry to a catalogue, or edit one: its code (chosen once, shown but not editable
 * afterwards), its name in the four languages, its official code and position.
 */
export function CatalogueEntryForm({
  catalogue,
  catalogueName,
  editing,
  editingName,
  onSaved,
  onCancel,
}: CatalogueEntryFormProps) {
  const { t } = useTranslation();
  const create = useCreateCatalogueEntry(catalogue);
  const update = useUpdateCatalogueEntry(catalogue);
  const save = editing ? update : create;
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = useDraftedForm<Values>(
    `catalogue-entry:${catalogue}:${editing?.id ?? 'new'}`,
    () => ({
      code: editing?.code ?? '',
      ...(editing?.labels ?? { ca: '', es: '', it: '', en: '' }),
      officialCode: editing?.officialCode ?? '',
      position: editing ? String(editing.position) : '',
    }),
  );
  const { values, set } = form;

  const problems: FieldErrors = {};
  if (!editing && !CATALOGUE_CODE_PATTERN.test(values.code.trim())) {
    problems.code = values.code.trim()
      ? t('organization.catalogues.errors.code')
      : t('forms.required');
  }
  for (const language of LANGUAGES) {
    if (!values[language].trim()) problems[language] = t('forms.required');
  }
  const official = values.officialCode.trim();
  if (official && !OFFICIAL_CODE_PATTERN.test(official)) {
    problems.officialCode = t('organization.catalogues.errors.officialCode');
  }
  const position = values.position.trim();
  if (position && !(/^\d{1,4}$/.test(position) && Number(position) <= CATALOGUE_POSITION_MAX)) {
    problems.position = t('organization.catalogues.errors.position');
  }
  const validation = useValidation(FIELDS, problems);
  const errors = { ...refusalsByField(save.error), ...validation.shown };

  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      save.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const labels = Object.fromEntries(
      LANGUAGES.map((language) => [language, values[language].trim()]),
    ) as CatalogueLabels;
    const common = {
      labels,
      officialCode: official || null,
      ...(position ? { position: Number(position) } : {}),
    };
    form
      .save(async () =>
        onSaved(
          editing
            ? await update.mutateAsync({ id: editing.id, ...common })
            : await create.mutateAsync({ code: values.code.trim(), ...common }),
        ),
      )
      .catch(() => {
        // The refusal shows through `save.error`; the typing and its draft stay.
      });
  };

  const text = (field: Field, label: string, options: { hint?: string; required?: boolean }) => (
    <FormField
      key={field}
      id={`${id}-${field}`}
      label={label}
      hint={options.hint}
      error={errors[field]}
      required={options.required ?? false}
    >
      {(control) => (
        <input
          {...control}
          name={field}
          type="text"
          inputMode={field === 'position' ? 'numeric' : undefined}
          maxLength={field === 'position' ? 4 : CATALOGUE_LABEL_MAX}
          lang={(LANGUAGES as readonly string[]).includes(field) ? field : undefined}
          value={values[field]}
          onChange={(event) => set(field, event.target.value)}
          onBlur={() => validation.touch(field)}
        />
      )}
    </FormField>
  );

  return (
    <form
      className={cx(styles.inlineForm, 'card form')}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} ref={headingRef} className="section-title" tabIndex={-1}>
        {editing
          ? t('organization.catalogues.editTitle', { name: editingName ?? editing.code })
          : t('organization.catalogues.newTitle', { catalogue: catalogueName })}
      </h2>
      <FormDraftNotices draft={form.draft} />
      <ErrorAlert
        error={save.error}
        shownByFields={['code', 'labels', 'officialCode', 'position']}
      />
      {editing ? (
        <p className="muted">{t('organization.catalogues.codeFixed', { code: editing.code })}</p>
      ) : (
        text('code', t('organization.catalogues.code'), {
          hint: t('organization.catalogues.codeHint'),
          required: true,
        })
      )}
      <div className={fieldCss.formRow}>
        {LANGUAGES.slice(0, 2).map((language) =>
          text(language, t(`organization.catalogues.labels.${language}`), { required: true }),
        )}
      </div>
      <div className={fieldCss.formRow}>
        {LANGUAGES.slice(2).map((language) =>
          text(language, t(`organization.catalogues.labels.${language}`), { required: true }),
        )}
      </div>
      <div className={fieldCss.formRow}>
        {text('officialCode', t('organization.catalogues.officialCode'), {
          hint: t('organization.catalogues.officialCodeHint'),
        })}
        {text('position', t('organization.catalogues.position'), {
          hint: t('organization.catalogues.positionHint'),
        })}
      </div>
      <FormActions
        submitLabel={editing ? t('forms.save') : t('organization.catalogues.add')}
        pending={save.isPending}
        onCancel={() => {
          form.cancel();
          onCancel();
        }}
      />
    </form>
  );
}
