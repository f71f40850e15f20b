import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketAttachment } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert, Notice, alertClass } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { cx } from '@/lib/cx';
import { useDateTimeFormat } from '@/lib/format';
import type { TicketFilesProps } from '@/lib/ticket-files-slot';
import { deleteTicketFile } from '../api/ticket-attachments';
import { targetOf, ticketContentUrl } from '../ticket-files';
import type { TicketTarget } from '../ticket-files';
import { ACCEPTED_FILES, formatFileSize, percentOf } from '../files';
import { useTicketUploads } from '../hooks/use-ticket-uploads';
import type { TicketUpload, TicketUploads } from '../hooks/use-ticket-uploads';
import styles from '../attachments.module.css';

/**
 * A ticket's files, as the application gives them to the requester's and the agents' ticket
 * pages (lib/ticket-files-slot): who added each and from which side, a download link, and, while
 * the ticket is open, a file input whose files go at once, one after another.
 */
export function TicketFilesSection({
  ticket,
  reader,
  headingLevel,
  className,
  onChanged,
}: TicketFilesProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const target = targetOf(reader, ticket);
  return (
    <section aria-labelledby={headingId} className={cx(styles.ticketFiles, className)}>
      <Heading id={headingId} className={headingLevel === 2 ? 'section-title' : undefined}>
        {t('attachments.ticket.title')}
      </Heading>
      <TicketFileList target={target} items={ticket.attachments} onChanged={onChanged} />
      {ticket.can.attach && <TicketUploader target={target} onChanged={onChanged} />}
    </section>
  );
}

function TicketFileList({
  target,
  items,
  onChanged,
}: {
  target: TicketTarget;
  items: readonly TicketAttachment[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [deleted, setDeleted] = useState<{ fileName: string; n: number } | null>(null);
  const remove = (item: TicketAttachment) => {
    setDeleting(item.id);
    setError(null);
    deleteTicketFile(target, item.id)
      .then(() => {
        setDeleted((last) => ({ fileName: item.fileName, n: (last?.n ?? 0) + 1 }));
        onChanged();
      })
      .catch((failure: unknown) =>
        setError(failure instanceof Error ? failure : new Error(String(failure))),
      )
      .finally(() => setDeleting(null));
  };
  return (
    <>
      {deleted && (
        <Notice key={deleted.n}>
          {t('attachments.list.deleted', { title: deleted.fileName })}
        </Notice>
      )}
      <ErrorAlert error={error} />
      {items.length === 0 ? (
        <p className="muted">{t('attachments.ticket.empty')}</p>
      ) : (
        <ul className={styles.attachments} aria-label={t('attachments.ticket.label')}>
          {items.map((item) => (
            <TicketFileRow
              key={item.id}
              target={target}
              item={item}
              deleting={deleting === item.id}
              onDelete={() => remove(item)}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function TicketFileRow({
  target,
  item,
  deleting,
  onDelete,
}: {
  target: TicketTarget;
  item: TicketAttachment;
  deleting: boolean;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const added = t('attachments.ticket.addedBy', {
    name: item.authorName,
    side: t(`attachments.ticket.side.${item.side}`),
    time: formatDateTime(item.createdAt),
  });
  return (
    <li className={styles.attachment}>
      <div className={styles.attachmentMain}>
        <p className={styles.attachmentTitle}>
          <span>{item.fileName}</span>
        </p>
        <p className={styles.attachmentFacts}>
          {[formatFileSize(item.size, i18n.language), added].join(' · ')}
        </p>
      </div>
      <div className={styles.attachmentActions}>
        <a
          href={ticketContentUrl(target, item.id)}
          download={item.fileName}
          className={buttonClass({ variant: 'secondary', small: true })}
          aria-label={t('attachments.list.downloadNamed', { title: item.fileName })}
        >
          {t('attachments.list.download')}
        </a>
        {item.can.delete && (
          <ConfirmButton
            label={t('attachments.list.delete')}
            accessibleLabel={t('attachments.list.deleteNamed', { title: item.fileName })}
            question={t('attachments.list.deleteQuestion', { title: item.fileName })}
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

/** "Attach a file": chosen files go at once; each shows its progress, a cancel, or its refusal. */
function TicketUploader({ target, onChanged }: { target: TicketTarget; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const uploads = useTicketUploads(target, onChanged);
  return (
    <div className={styles.uploader}>
      <FormField
        id={`${id}-file`}
        label={t('attachments.ticket.attach')}
        hint={t('attachments.drop.hint')}
      >
        {(control) => (
          <input
            {...control}
            type="file"
            multiple
            accept={ACCEPTED_FILES}
            onChange={(event) => {
              const input = event.currentTarget;
              const files = [...(input.files ?? [])];
              // The same file chosen again must still be taken.
              input.value = '';
              if (files.length > 0) uploads.add(files);
            }}
          />
        )}
      </FormField>
      {/* Mounted (empty) before a file is attached: a region that appears filled may go unread. */}
      <div role="status">
        {uploads.done && (
          <p key={uploads.done.n} className={alertClass('success')}>
            {t('attachments.upload.done', { title: uploads.done.fileName })}
          </p>
        )}
      </div>
      <UploadItems uploads={uploads} />
    </div>
  );
}

function UploadItems({ uploads }: { uploads: TicketUploads }) {
  if (uploads.items.length === 0) return null;
  return (
    <ul className={styles.uploads}>
      {uploads.items.map((upload) => (
        <li key={upload.key} className={styles.upload}>
          <UploadItem upload={upload} onRemove={() => uploads.remove(upload.key)} />
        </li>
      ))}
    </ul>
  );
}

/** A file on its way (the bytes the server holds so far), or the server's refusal in words. */
function UploadItem({ upload, onRemove }: { upload: TicketUpload; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const title = upload.file.name;
  if (upload.error) {
    return (
      <div className={styles.uploadProgress}>
        <p role="alert" className={alertClass('error')}>
          {t('attachments.ticket.failed', { file: title, reason: upload.error.message })}
        </p>
        <Button small variant="secondary" onClick={onRemove}>
          {t('common.close')}
        </Button>
      </div>
    );
  }
  const { sent, total } = upload.progress;
  const percent = percentOf(sent, total);
  const sentText = t('attachments.upload.sent', {
    sent: formatFileSize(sent, i18n.language),
    total: formatFileSize(total, i18n.language),
  });
  return (
    <div className={styles.uploadProgress}>
      <p className={styles.uploadFile}>
        <span className={styles.uploadFileName}>{title}</span>
      </p>
      <div
        role="progressbar"
        aria-label={t('attachments.upload.progress', { title })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={sentText}
        className={styles.progress}
      >
        <div className={styles.progressBar} style={{ width: `${percent}%` }} />
      </div>
      <p className={styles.uploadSent} aria-hidden="true">
        {sentText}
      </p>
      <Button
        small
        variant="secondary"
        aria-label={t('attachments.upload.cancelNamed', { title })}
        onClick={onRemove}
      >
        {t('attachments.upload.cancel')}
      </Button>
    </div>
  );
}
