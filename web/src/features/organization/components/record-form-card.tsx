import type { FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../organization.module.css';

type RecordFormCardProps = {
  /** Whose texts (organization.<kind>.newTitle, editTitle, add). */
  kind: 'municipalities' | 'sectors';
  /** The record being edited (a "Cancel" button), or none: a new one. */
  editing: { name: string } | null;
  /** What useRecordForm answered. */
  form: {
    id: string;
    headingRef: RefObject<HTMLHeadingElement | null>;
    save: { error: Error | null; isPending: boolean };
    submit: (event: FormEvent<HTMLFormElement>) => void;
  };
  /** The fields that show the server's refusals themselves. */
  shownByFields: readonly string[];
  onCancel: () => void;
  children: ReactNode;
};

/** The card that holds a list page's form: its heading, the server's refusal, the buttons. */
export function RecordFormCard({
  kind,
  editing,
  form: { id, headingRef, save, submit },
  shownByFields,
  onCancel,
  children,
}: RecordFormCardProps) {
  const { t } = useTranslation();
  return (
    <form
      className={cx(styles.inlineForm, 'card form')}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} ref={headingRef} className="section-title" tabIndex={-1}>
        {editing
          ? t(`organization.${kind}.editTitle`, { name: editing.name })
          : t(`organization.${kind}.newTitle`)}
      </h2>
      <ErrorAlert error={save.error} shownByFields={shownByFields} />
      {children}
      <div className={fieldCss.formActions}>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending
            ? t('forms.saving')
            : editing
              ? t('forms.save')
              : t(`organization.${kind}.add`)}
        </Button>
        {editing && (
          <Button variant="secondary" onClick={onCancel}>
            {t('forms.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
