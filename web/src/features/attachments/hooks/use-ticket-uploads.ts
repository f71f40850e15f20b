import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadTicketFile } from '../api/ticket-attachments';
import type { TicketTarget } from '../ticket-files';
import type { UploadProgress } from '../upload-protocol';

/** One file on its way to a ticket: waiting for its turn or sending, or refused (and why). */
export type TicketUpload = {
  key: number;
  file: File;
  progress: UploadProgress;
  error: Error | null;
};

export type TicketUploads = {
  items: readonly TicketUpload[];
  /** The name of the last file attached (for the live region), with a counter to repeat it. */
  done: { fileName: string; n: number } | null;
  /** Files chosen: each goes in its turn. */
  add: (files: readonly File[]) => void;
  /** Takes a file off the list; one on its way is stopped (and what was sent dropped). */
  remove: (key: number) => void;
};

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * The files being attached to a ticket, one after another (the server takes only a few uploads
 * at once from one person). Leaving the page cancels what is on its way (the server removes it).
 */
export function useTicketUploads(target: TicketTarget, onChanged: () => void): TicketUploads {
  const [items, setItems] = useState<readonly TicketUpload[]>([]);
  const [done, setDone] = useState<TicketUploads['done']>(null);
  const nextKey = useRef(1);
  const controllers = useRef(new Map<number, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  // The page hands a new object and a new callback with each render: the uploads read the last.
  const latest = useRef({ target, onChanged });
  useEffect(() => {
    latest.current = { target, onChanged };
  });

  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const change = useCallback((key: number, patch: Partial<TicketUpload>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const send = useCallback(
    async (upload: TicketUpload, controller: AbortController) => {
      // Cancelled while waiting for its turn: nothing to send.
      if (controller.signal.aborted) return;
      try {
        await uploadTicketFile(latest.current.target, upload.file, {
          signal: controller.signal,
          onProgress: (progress) => change(upload.key, { progress }),
        });
        setItems((current) => current.filter((item) => item.key !== upload.key));
        setDone((last) => ({ fileName: upload.file.name, n: (last?.n ?? 0) + 1 }));
        latest.current.onChanged();
      } catch (error) {
        // A cancel has already taken the file off the list.
        if (controller.signal.aborted || isAbort(error)) return;
        change(upload.key, { error: error instanceof Error ? error : new Error(String(error)) });
      } finally {
        controllers.current.delete(upload.key);
      }
    },
    [change],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file): TicketUpload => ({
        key: nextKey.current++,
        file,
        progress: { sent: 0, total: file.size },
        error: null,
      }));
      setItems((current) => [...current, ...added]);
      for (const upload of added) {
        const controller = new AbortController();
        controllers.current.set(upload.key, controller);
        queue.current = queue.current.then(() => send(upload, controller));
      }
    },
    [send],
  );

  const remove = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  return { items, done, add, remove };
}
