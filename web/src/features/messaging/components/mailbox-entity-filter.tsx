import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailboxSummary } from '@caliu/common';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../messaging.module.css';
import { buttonClass } from '@/components/ui/button';

export type MailboxEntity = MailboxSummary['entity'];

type MailboxEntityFilterProps = {
  /** The entities the support agent can choose from (every council: GET /api/mailbox/entities). */
  entities: MailboxEntity[];
  /** The entity shown (null: every entity). */
  selected: string | null;
  onApply: (entity: string | null) => void;
};

/** The support agent's choice of entity: every entity's mail, or one entity's. */
export function MailboxEntityFilter({ entities, selected, onApply }: MailboxEntityFilterProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(selected ?? '');
  const [shown, setShown] = useState(selected);
  if (shown !== selected) {
    // Another entity chosen elsewhere (Back, a bookmark): the form follows it.
    setShown(selected);
    setDraft(selected ?? '');
  }

  // An entity named by the address but not in the directory (yet) still shows, by its id.
  const options =
    selected && !entities.some((entity) => entity.id === selected)
      ? [...entities, { id: selected, code: selected, name: selected }]
      : entities;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft || null);
  };

  return (
    <form
      className={cx(styles.mailboxFilter, 'card')}
      role="search"
      aria-labelledby={`${id}-title`}
      onSubmit={onSubmit}
    >
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('messaging.mailbox.filter.title')}
      </h2>
      <div className={cx(fieldCss.field, styles.mailboxFilterField, 'field')}>
        <label htmlFor={`${id}-entity`}>{t('messaging.mailbox.filter.entity')}</label>
        <p id={`${id}-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {t('messaging.mailbox.filter.hint')}
        </p>
        <select
          id={`${id}-entity`}
          name="entity"
          value={draft}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setDraft(event.target.value)}
        >
          <option value="">{t('messaging.mailbox.filter.allEntities')}</option>
          {options.map((entity) => (
            <option key={entity.id} value={entity.id}>
              {entity.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass()}>
        {t('messaging.mailbox.filter.submit')}
      </button>
    </form>
  );
}
