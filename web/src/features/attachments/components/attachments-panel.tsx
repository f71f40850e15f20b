import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import fieldCss from '@/components/ui/form-field.module.css';
import { QueryState } from '@/components/ui/query-state';
import type { AttachmentsProps } from '@/lib/attachments-slot';
import { cx } from '@/lib/cx';
import { listQueryOf, useAttachments } from '../api/list-attachments';
import { identityOnly } from '../files';
import { AttachmentList } from './attachment-list';
import { CategoryFilter } from './category-filter';
import { ItemAttachments } from './item-attachments';
import { Uploader, useAttacher } from './uploader';
import styles from '../attachments.module.css';

/**
 * A record's attachments, as the application gives them to the persons' and case files' pages
 * (lib/attachments-slot): a section of the page, or a small disclosure in an entry of content.
 */
export function AttachmentsPanel(props: AttachmentsProps) {
  return props.variant === 'item' ? (
    <ItemAttachments {...props} />
  ) : (
    <AttachmentsSection {...props} />
  );
}

/**
 * The documents of a person or a case file (with, when asked, those of its content), filtered by
 * category; files dropped anywhere on it, or chosen, are attached by who may (as the server's
 * list says). Whoever sees only a person's identity documents is told so; whoever may neither see
 * nor attach any of a person's documents is shown nothing.
 */
function AttachmentsSection({ owner }: AttachmentsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [includeItems, setIncludeItems] = useState(false);
  const [category, setCategory] = useState<string | null>(null);
  const list = useAttachments(listQueryOf(owner, includeItems));
  const can = list.data?.can;
  const attacher = useAttacher(owner, can);
  if (can && !Object.values(can).some(Boolean)) return null;
  return (
    <section
      className={cx(styles.panel, attacher.drop.over && styles.panelOver, 'card', 'attachments')}
      aria-labelledby={headingId}
      {...attacher.drop.handlers}
    >
      <h2 id={headingId} className="section-title">
        {t('attachments.title')}
      </h2>
      {can && owner.type === 'person' && identityOnly(can) && (
        <p className="muted">{t('attachments.identityOnly')}</p>
      )}
      {attacher.canAttach && <Uploader attacher={attacher} />}
      {owner.type === 'case_file' && (
        <div className={cx('field', fieldCss.field)}>
          <label className={cx(fieldCss.checkbox, 'checkbox')}>
            <input
              type="checkbox"
              name="includeItems"
              checked={includeItems}
              onChange={(event) => setIncludeItems(event.target.checked)}
            />
            <span>{t('attachments.includeItems')}</span>
          </label>
        </div>
      )}
      <QueryState
        query={{ data: list.data?.items, error: list.error, refetch: list.refetch }}
        empty={t('attachments.list.empty')}
      >
        {(items) => {
          // A category no longer in the list (its last document deleted) shows them all again.
          const shown = items.some((item) => item.category.id === category) ? category : null;
          return (
            <>
              <CategoryFilter items={items} selected={shown} onSelect={setCategory} />
              <AttachmentList
                items={shown ? items.filter((item) => item.category.id === shown) : items}
                showOwner={includeItems}
                label={t('attachments.list.label')}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
