import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PREVIEWABLE_MEDIA_TYPES } from '@caliu/common';
import type { Attachment } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { useCalendarDateFormat } from '@/lib/calendar';
import { useDateTimeFormat } from '@/lib/format';
import { contentUrl } from '../api/attachment-content';
import { useDeleteAttachment } from '../api/delete-attachment';
import { formatFileSize } from '../files';
import { PreviewDialog } from './preview-dialog';
import styles from '../attachments.module.css';

type AttachmentListProps = {
  items: readonly Attachment[];
  /** Say which entry of the content each is on (a case file's list with its items' ones). */
  showOwner?: boolean;
  /** What the list is, for screen readers. */
  label: string;
};

/**
 * A record's documents: title, category, the date they bear, the file, who attached it and when;
 * an image opens in a preview, every file downloads; who may delete one is asked first.
 */
export function AttachmentList({ items, showOwner = false, label }: AttachmentListProps) {
  const { t } = useTranslation();
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const remove = useDeleteAttachment();
  const [deleted, setDeleted] = useState<{ title: string; n: number } | null>(null);
  return (
    <>
      {deleted && (
        <Notice key={deleted.n}>{t('attachments.list.deleted', { title: deleted.title })}</Notice>
      )}
      <ErrorAlert error={remove.error} />
      <ul className={styles.attachments} aria-label={label}>
        {items.map((item) => (
          <AttachmentRow
            key={item.id}
            item={item}
            showOwner={showOwner}
            onPreview={() => setPreviewing(item)}
            deleting={remove.isPending && remove.variables === item.id}
            onDelete={() =>
              remove.mutate(item.id, {
                onSuccess: () =>
                  setDeleted((last) => ({ title: item.title, n: (last?.n ?? 0) + 1 })),
              })
            }
          />
        ))}
      </ul>
      <PreviewDialog attachment={previewing} onClose={() => setPreviewing(null)} />
    </>
  );
}

function AttachmentRow({
  item,
  showOwner,
  onPreview,
  deleting,
  onDelete,
}: {
  item: Attachment;
  showOwner: boolean;
  onPreview: () => void;
  deleting: boolean;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const formatDateTime = useDateTimeFormat();
  const previewable = item.mediaType !== null && PREVIEWABLE_MEDIA_TYPES.includes(item.mediaType);
  const uploaded = item.uploadedBy
    ? t('attachments.list.uploadedBy', {
        name: item.uploadedBy.name,
        time: formatDateTime(item.createdAt),
      })
    : t('attachments.list.uploaded', { time: formatDateTime(item.createdAt) });
  return (
    <li className={styles.attachment}>
      <div className={styles.attachmentMain}>
        <p className={styles.attachmentTitle}>
          <span>{item.title}</span>
          <span className="badge badge--info">{item.category.label}</span>
        </p>
        <p className={styles.attachmentFacts}>
          {[
            showOwner &&
              item.owner.type === 'item' &&
              t(`attachments.list.on.${item.owner.itemKind}`),
            t('attachments.list.documentDate', { date: formatDate(item.documentDate) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className={styles.attachmentFacts}>
          {[item.fileName, formatFileSize(item.size, i18n.language), uploaded].join(' · ')}
        </p>
      </div>
      <div className={styles.attachmentActions}>
        {previewable && (
          <Button
            small
            variant="secondary"
            aria-label={t('attachments.list.previewNamed', { title: item.title })}
            onClick={onPreview}
          >
            {t('attachments.list.preview')}
          </Button>
        )}
        <a
          href={contentUrl(item.id)}
          download={item.fileName}
          className={buttonClass({ variant: 'secondary', small: true })}
          aria-label={t('attachments.list.downloadNamed', { title: item.title })}
        >
          {t('attachments.list.download')}
        </a>
        {item.can.delete && (
          <ConfirmButton
            label={t('attachments.list.delete')}
            accessibleLabel={t('attachments.list.deleteNamed', { title: item.title })}
            question={t('attachments.list.deleteQuestion', { title: item.title })}
            confirmLabel={t('attachments.list.deleteConfirm')}
            cancelLabel={t('forms.cancel')}
            pending={deleting}
            onConfirm={onDelete}
          />
        )}
      </div>
    </li>
  );
}
