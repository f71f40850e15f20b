import { useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api-client';

/** Where an attachment's file is read: the server answers it as a download (audited). */
export function contentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}/content`;
}

export type BlobUrlState = { url: string | null; error: Error | null };

/**
 * An attachment's file in this page's memory, as an address an `<img>` can show while the
 * component that asks is there; the address is revoked when it goes (the preview closes).
 */
export function useBlobUrl(id: string): BlobUrlState {
  const [read, setRead] = useState<BlobUrlState & { id: string }>({
    id: '',
    url: null,
    error: null,
  });
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    apiRequest(contentUrl(id), { signal: controller.signal })
      .then((response) => response.blob())
      .then((blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setRead({ id, url, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof Error ? error : new Error(String(error));
        setRead({ id, url: null, error: failure });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  // What was read for another attachment is not this one's.
  return read.id === id ? read : { url: null, error: null };
}
