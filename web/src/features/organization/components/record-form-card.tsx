import type { FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import type { FormDraft } from '@/lib/use-form-draft';
import { cx } from '@/lib/cx';
import styles from '../organization.module.css';

type RecordFormCardProps = {
  /** Whose texts (organization.<kind>.newTitle, editTitle, add). */
  kind: 'municipalities' | 'sectors';
  /** The record being edited, or none: a new one. */
  editing: { name: string } | null;
  /** What useRecordForm answered. */
  form: {
    id: string;
    headingRef: RefObject<HTMLHeadingElement | null>;
    save: { error: Error | null; isPending: boolean };
    submit: (event: FormEvent<HTMLFormElement>) => void;
    draft: FormDraft<unknown>;
    cancel: () => void;
  };
  /** The fields that show the server's refusals themselves. */
  shownByFields: readonly string[];
  /** After Cancel has dropped the typing: closes the form (a new one opens empty). */
  onCancel: () => void;
  children: ReactNode;
};

/**
 * The card that holds a list page's form: its heading, its draft, the server's refusal, the
 * buttons.
 */
export function RecordFormCard({
  kind,
  editing,
  form: { id, headingRef, save, submit, draft, cancel },
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
      <FormDraftNotices draft={draft} />
      <ErrorAlert error={save.error} shownByFields={shownByFields} />
      {children}
      <FormActions
        submitLabel={editing ? t('forms.save') : t(`organization.${kind}.add`)}
        pending={save.isPending}
        onCancel={() => {
          cancel();
          onCancel();
        }}
      />
    </form>
  );
}
