import { useTranslation } from 'react-i18next';
import type { Attachment } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { Loading } from '@/components/ui/query-state';
import { contentUrl, useBlobUrl } from '../api/attachment-content';
import styles from '../attachments.module.css';

/**
 * An image attached, shown in a modal dialog: read into this page's memory (one audited read,
 * like a download) and let go when the dialog closes.
 */
export function PreviewDialog({
  attachment,
  onClose,
}: {
  attachment: Attachment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog open={attachment !== null} title={attachment?.title ?? ''} onDismiss={onClose}>
      {attachment && <PreviewImage attachment={attachment} />}
      <div className="dialog__actions">
        <Button onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
        {attachment && (
          <a
            href={contentUrl(attachment.id)}
            download={attachment.fileName}
            className={buttonClass({ variant: 'secondary' })}
          >
            {t('attachments.list.download')}
          </a>
        )}
      </div>
    </FormDialog>
  );
}

/** The image itself, read while it is shown (the dialog draws it only while open). */
function PreviewImage({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const { url, error } = useBlobUrl(attachment.id);
  if (error) return <ErrorAlert error={error} focus={false} />;
  if (!url) return <Loading inline />;
  return (
    <img
      className={styles.previewImage}
      src={url}
      alt={t('attachments.preview.alt', { title: attachment.title })}
    />
  );
}
