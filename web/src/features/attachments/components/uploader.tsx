import { useRef, useState } from 'react';
import type { AttachmentOwner } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useDocumentCategories } from '../api/get-document-categories';
import { mayAttach, NO_RIGHTS } from '../files';
import type { OwnerRights } from '../files';
import { useUploads } from '../hooks/use-uploads';
import { DropZone, useFileDrop } from './drop-zone';
import { UploadList } from './upload-list';
import styles from '../attachments.module.css';

/**
 * What attaching files to one owner needs: the files on their way, the categories the user may
 * choose (those the server's list allows: `can`, undefined until it is read), and the handlers
 * that take files dropped anywhere on the panel.
 */
export function useAttacher(owner: AttachmentOwner, can: OwnerRights | undefined) {
  const me = useCurrentUser();
  const uploads = useUploads(owner);
  const rights = can ?? NO_RIGHTS;
  const any = rights.attachIdentity || rights.attachOther;
  const categories = useDocumentCategories(any);
  const allowed = (categories.data ?? []).filter(
    (category) => category.active && mayAttach(rights, category.code),
  );
  // Before the categories are read, the list's answer decides; after, what the categories leave.
  const canAttach = any && (categories.data === undefined || allowed.length > 0);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const add = (files: readonly File[]) => setFocusKey(uploads.add(files));
  const drop = useFileDrop(add, canAttach);
  return {
    canAttach,
    uploads,
    categories: allowed,
    categoriesError: categories.error,
    retryCategories: () => void categories.refetch(),
    today: todayIn(me.entity.timeZone),
    focusKey,
    buttonRef,
    add,
    drop,
  };
}

export type Attacher = ReturnType<typeof useAttacher>;

/** The drop zone (a button that opens the file picker), then each file's form and progress. */
export function Uploader({ attacher, compact = false }: { attacher: Attacher; compact?: boolean }) {
  return (
    <div className={cx(styles.uploader, compact && styles.uploaderCompact)}>
      <DropZone
        onFiles={attacher.add}
        over={attacher.drop.over}
        compact={compact}
        buttonRef={attacher.buttonRef}
      />
      <ErrorAlert
        error={attacher.categoriesError}
        focus={false}
        onRetry={attacher.retryCategories}
        smallRetry
      />
      <UploadList
        uploads={attacher.uploads}
        categories={attacher.categories}
        today={attacher.today}
        focusKey={attacher.focusKey}
        onRemoved={() => attacher.buttonRef.current?.focus()}
      />
    </div>
  );
}
