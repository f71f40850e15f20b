import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Attachment, AttachmentOwner } from '@caliu/common';
import { attachmentsKey } from '../api/keys';
import { uploadFile } from '../api/upload-attachment';
import type { UploadProgress } from '../upload-protocol';

/** What the user says of a file before it is sent. */
export type UploadDetails = { title: string; categoryId: string; documentDate: string };

/**
 * One file on its way: `describe` (its form, and the server's refusal next to it when sending
 * failed), `sending` (its progress), `done`.
 */
export type Upload = {
  key: number;
  file: File;
  stage: 'describe' | 'sending' | 'done';
  details: UploadDetails | null;
  progress: UploadProgress;
  error: Error | null;
  attachment: Attachment | null;
};

export type Uploads = {
  items: readonly Upload[];
  /** Files dropped or chosen: each gets its form. Answers the first one's key. */
  add: (files: readonly File[]) => number;
  send: (key: number, details: UploadDetails) => void;
  /** Takes a file off the list; one on its way is stopped (and what was sent dropped). */
  remove: (key: number) => void;
};

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * The files being attached to one owner. Sending runs while the component that holds them is
 * there: leaving the page cancels what is on its way (the server removes it).
 */
export function useUploads(owner: AttachmentOwner): Uploads {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<readonly Upload[]>([]);
  const nextKey = useRef(1);
  const controllers = useRef(new Map<number, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const change = useCallback((key: number, patch: Partial<Upload>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const add = useCallback((files: readonly File[]) => {
    const added = files.map((file): Upload => ({
      key: nextKey.current++,
      file,
      stage: 'describe',
      details: null,
      progress: { sent: 0, total: file.size },
      error: null,
      attachment: null,
    }));
    setItems((current) => [...current, ...added]);
    return added[0]?.key ?? 0;
  }, []);

  const send = useCallback(
    (key: number, details: UploadDetails) => {
      const upload = items.find((item) => item.key === key);
      if (!upload) return;
      const controller = new AbortController();
      controllers.current.set(key, controller);
      change(key, {
        stage: 'sending',
        details,
        error: null,
        progress: { sent: 0, total: upload.file.size },
      });
      uploadFile(
        upload.file,
        { owner, ...details },
        {
          signal: controller.signal,
          onProgress: (progress) => change(key, { progress }),
        },
      )
        .then((attachment) => {
          change(key, { stage: 'done', attachment });
          return queryClient.invalidateQueries({ queryKey: attachmentsKey });
        })
        .catch((error: unknown) => {
          // A cancel has already taken the file off the list.
          if (controller.signal.aborted || isAbort(error)) return;
          change(key, {
            stage: 'describe',
            error: error instanceof Error ? error : new Error(String(error)),
          });
        })
        .finally(() => controllers.current.delete(key));
    },
    [items, owner, change, queryClient],
  );

  const remove = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  return { items, add, send, remove };
}
