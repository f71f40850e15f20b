import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, AttachmentOwner } from '@caliu/common';
import type { AttachmentsProps } from '@/lib/attachments-slot';
import { cx } from '@/lib/cx';
import { listQueryOf, useAttachments } from '../api/list-attachments';
import { AttachmentList } from './attachment-list';
import { Uploader, useAttacher } from './uploader';
import styles from '../attachments.module.css';

/** Whether an attachment is on this entry of a case file's content. */
function isOn(attachment: Attachment, owner: AttachmentOwner): boolean {
  return (
    owner.type === 'item' &&
    attachment.owner.type === 'item' &&
    attachment.owner.itemKind === owner.itemKind &&
    attachment.owner.itemId === owner.itemId
  );
}

/**
 * An entry's documents, folded under one short line ("Attachments (2)", or "Attach a document"
 * for who may): the entries of a case file read them in one request between them. Nothing shows
 * on an entry without documents for who may not attach.
 */
export function ItemAttachments({ owner }: AttachmentsProps) {
  const { t } = useTranslation();
  const list = useAttachments(listQueryOf(owner));
  // Attaching to an entry is attaching to its case file: the case file's list says who may.
  const attacher = useAttacher(owner, list.data?.can);
  const [open, setOpen] = useState(false);
  const items = (list.data?.items ?? []).filter((item) => isOn(item, owner));
  const busy = attacher.uploads.items.length > 0;
  if (list.data === undefined) return null;
  if (items.length === 0 && !attacher.canAttach && !busy) return null;
  return (
    <details
      className={cx(styles.item, attacher.drop.over && styles.panelOver)}
      open={open || busy}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      {...attacher.drop.handlers}
    >
      <summary className={styles.itemSummary}>
        {items.length > 0
          ? t('attachments.item.summary', { count: items.length })
          : t('attachments.item.attach')}
      </summary>
      <div className={styles.itemBody}>
        {items.length > 0 && <AttachmentList items={items} label={t('attachments.item.label')} />}
        {attacher.canAttach && <Uploader attacher={attacher} compact />}
      </div>
    </details>
  );
}
