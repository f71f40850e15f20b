import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueItem } from '@caliu/common';
import { alertClass } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formatFileSize, percentOf } from '../files';
import type { Upload, Uploads } from '../hooks/use-uploads';
import { UploadForm } from './upload-form';
import styles from '../attachments.module.css';

type UploadListProps = {
  uploads: Uploads;
  categories: readonly CatalogueItem[];
  today: string;
  /** The first file of those just chosen, whose form takes the focus. */
  focusKey: number | null;
  /** A file was taken off the list: the focus goes back to the drop zone. */
  onRemoved: () => void;
};

/** The files being attached: each one's form, then its progress, then that it is attached. */
export function UploadList({ uploads, categories, today, focusKey, onRemoved }: UploadListProps) {
  if (uploads.items.length === 0) return null;
  const remove = (key: number) => {
    uploads.remove(key);
    onRemoved();
  };
  return (
    <ul className={styles.uploads}>
      {uploads.items.map((upload) => (
        <li key={upload.key} className={styles.upload}>
          {upload.stage === 'describe' ? (
            <UploadForm
              upload={upload}
              categories={categories}
              today={today}
              autoFocus={upload.key === focusKey && upload.error === null}
              onSend={(details) => uploads.send(upload.key, details)}
              onCancel={() => remove(upload.key)}
            />
          ) : (
            <UploadProgress upload={upload} onRemove={() => remove(upload.key)} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** A file on its way, the bytes the server holds; once attached, said so (and read out). */
function UploadProgress({ upload, onRemove }: { upload: Upload; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const doneRef = useRef<HTMLParagraphElement>(null);
  const done = upload.stage === 'done';
  const title = upload.details?.title ?? upload.file.name;
  const { sent, total } = upload.progress;
  const percent = done ? 100 : percentOf(sent, total);
  const sentText = t('attachments.upload.sent', {
    sent: formatFileSize(done ? total : sent, i18n.language),
    total: formatFileSize(total, i18n.language),
  });

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <div className={styles.uploadProgress}>
      <p className={styles.uploadFile}>
        <span className={styles.uploadFileName}>{upload.file.name}</span>
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
      {done ? (
        <div className={styles.uploadDone}>
          <p ref={doneRef} tabIndex={-1} role="status" className={alertClass('success')}>
            {t('attachments.upload.done', { title })}
          </p>
          <Button small variant="secondary" onClick={onRemove}>
            {t('common.close')}
          </Button>
        </div>
      ) : (
        <Button
          small
          variant="secondary"
          aria-label={t('attachments.upload.cancelNamed', { title })}
          onClick={onRemove}
        >
          {t('attachments.upload.cancel')}
        </Button>
      )}
    </div>
  );
}
