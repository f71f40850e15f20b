import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TITLE_MAX } from '@caliu/common';
import type { CatalogueItem } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { serverFieldErrors } from '@/lib/form-errors';
import type { FieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { formatFileSize, titleFromFileName } from '../files';
import type { Upload, UploadDetails } from '../hooks/use-uploads';
import styles from '../attachments.module.css';

const FIELDS = ['title', 'categoryId', 'documentDate'] as const;
type Field = (typeof FIELDS)[number];

type UploadFormProps = {
  upload: Upload;
  /** The categories the user may attach here. */
  categories: readonly CatalogueItem[];
  today: string;
  onSend: (details: UploadDetails) => void;
  onCancel: () => void;
  /** Take the focus when it shows (the first of the files just chosen). */
  autoFocus: boolean;
};

/**
 * What a file is, said before it is sent: its title (its name without the extension, to begin
 * with), its category and the date it bears (today, to begin with). A refusal of the server (the
 * type, the size, the quota) shows above it, next to the file's name.
 */
export function UploadForm({
  upload,
  categories,
  today,
  onSend,
  onCancel,
  autoFocus,
}: UploadFormProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<UploadDetails>(
    () =>
      upload.details ?? {
        title: titleFromFileName(upload.file.name),
        categoryId: categories.length === 1 ? (categories[0]?.id ?? '') : '',
        documentDate: today,
      },
  );
  const problems: FieldErrors = {
    title: values.title.trim() === '' ? t('attachments.form.validation.title') : undefined,
    categoryId: values.categoryId === '' ? t('attachments.form.validation.category') : undefined,
    documentDate:
      values.documentDate === ''
        ? t('attachments.form.validation.documentDate')
        : values.documentDate > today
          ? t('attachments.form.validation.future')
          : undefined,
  };
  const validation = useValidation(FIELDS, problems);
  // The server's words about a field of this form show next to it; the others (the size) above.
  const byField = serverFieldErrors(upload.error);
  const refused: FieldErrors = Object.fromEntries(
    FIELDS.filter((field) => byField[field]).map((field) => [field, byField[field]]),
  );
  const errors: FieldErrors = { ...refused, ...validation.shown };
  const fieldId = (field: Field) => `${id}-${field}`;

  useEffect(() => {
    if (autoFocus) titleRef.current?.focus();
  }, [autoFocus]);

  const set = (field: Field, value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    onSend({ ...values, title: values.title.trim() });
  };

  const control = (field: Field) => ({
    name: field,
    onBlur: () => validation.touch(field),
  });

  return (
    <form
      className={styles.uploadForm}
      aria-label={t('attachments.form.label', { file: upload.file.name })}
      onSubmit={submit}
      noValidate
    >
      <p className={styles.uploadFile}>
        <span className={styles.uploadFileName}>{upload.file.name}</span>{' '}
        <span className="muted">{formatFileSize(upload.file.size, i18n.language)}</span>
      </p>
      <ErrorAlert error={upload.error} shownByFields={Object.keys(refused)} />
      <div className={styles.uploadFields}>
        <FormField
          id={fieldId('title')}
          label={t('attachments.form.title')}
          error={errors.title}
          required
        >
          {(props) => (
            <input
              {...props}
              {...control('title')}
              ref={titleRef}
              type="text"
              autoComplete="off"
              maxLength={ATTACHMENT_TITLE_MAX}
              value={values.title}
              onChange={(event) => set('title', event.target.value)}
            />
          )}
        </FormField>
        <FormField
          id={fieldId('categoryId')}
          label={t('attachments.form.category')}
          error={errors.categoryId}
          required
        >
          {(props) => (
            <select
              {...props}
              {...control('categoryId')}
              value={values.categoryId}
              onChange={(event) => set('categoryId', event.target.value)}
            >
              <option value="">{t('attachments.form.chooseCategory')}</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={fieldId('documentDate')}
          label={t('attachments.form.documentDate')}
          hint={t('attachments.form.documentDateHint')}
          error={errors.documentDate}
          required
        >
          {(props) => (
            <input
              {...props}
              {...control('documentDate')}
              type="date"
              max={today}
              value={values.documentDate}
              onChange={(event) => set('documentDate', event.target.value)}
            />
          )}
        </FormField>
      </div>
      <FormActions
        submitLabel={t('attachments.form.submit')}
        pending={upload.stage === 'sending'}
        pendingLabel={t('attachments.form.sending')}
        onCancel={onCancel}
      />
    </form>
  );
}
