import { useId, useRef, useState } from 'react';
import type { DragEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { cx } from '@/lib/cx';
import { ACCEPTED_FILES } from '../files';
import styles from '../attachments.module.css';

/** Whether the pointer is a finger (a tablet, a phone): the camera is offered there. */
function hasCoarsePointer(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;
}

/** Whether a drag carries files (not text or a link dragged from the page). */
const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Files dragged onto an element (the whole panel): the handlers to spread on it, and whether files
 * are being dragged over it now.
 */
export function useFileDrop(onFiles: (files: File[]) => void, enabled: boolean) {
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed: count them.
  const depth = useRef(0);
  if (!enabled) return { over: false, handlers: {} };
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setOver(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      const files = [...event.dataTransfer.files];
      if (files.length > 0) onFiles(files);
    },
  };
  return { over, handlers };
}

type DropZoneProps = {
  onFiles: (files: File[]) => void;
  /** Files are being dragged over the panel. */
  over: boolean;
  /** A smaller zone (in an entry of a case file's content). */
  compact?: boolean;
  /** The button, to bring the focus back to it (a file put aside). */
  buttonRef?: RefObject<HTMLButtonElement | null>;
};

/**
 * Where files are dropped — and, being a button, what opens the file picker with the keyboard or
 * a tap; on a tablet, a second button takes a photo with the device's camera.
 */
export function DropZone({ onFiles, over, compact = false, buttonRef }: DropZoneProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const [touch] = useState(hasCoarsePointer);
  const take = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    // The same file chosen again must still be taken.
    input.value = '';
    if (files.length > 0) onFiles(files);
  };
  return (
    <div className={cx(styles.dropZone, compact && styles.dropZoneCompact)}>
      <button
        ref={buttonRef}
        type="button"
        className={cx(styles.dropZoneButton, over && styles.dropZoneButtonOver)}
        aria-describedby={hintId}
        onClick={() => picker.current?.click()}
      >
        {over ? t('attachments.drop.release') : t('attachments.drop.choose')}
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        hidden
        onChange={(event) => take(event.currentTarget)}
      />
      {touch && (
        <>
          <Button variant="secondary" onClick={() => camera.current?.click()}>
            {t('attachments.drop.camera')}
          </Button>
          <input
            ref={camera}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            onChange={(event) => take(event.currentTarget)}
          />
        </>
      )}
      <p id={hintId} className={cx(styles.dropZoneHint, 'field__hint')}>
        {t('attachments.drop.hint')}
      </p>
    </div>
  );
}
