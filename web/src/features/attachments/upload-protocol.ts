import { ATTACHMENT_CHUNK_BYTES } from '@caliu/common';
import type { Attachment, CreateAttachment } from '@caliu/common';

/**
 * The upload of a file as docs/decisions/0007-attachments.md describes it, apart from how the
 * requests are sent (api/upload-attachment.ts): create, every chunk in order, complete.
 */

/** How many times a chunk is sent again after a failure that may pass (network, server busy). */
export const CHUNK_RETRIES = 3;
/** The wait before the first new try; it doubles with each one (0.5 s, 1 s, 2 s). */
export const RETRY_BASE_MS = 500;

/** What the upload tells as it goes: the bytes the server holds so far, of how many. */
export type UploadProgress = { sent: number; total: number };

/** What any upload's creation carries: the file's name and size (checked before a byte goes). */
export type UploadCreate = { fileName: string; size: number };
/** What the server answers of any upload: its id and the size of the chunks it takes. */
export type UploadAnswer = { id: string; chunkBytes: number };

/**
 * The three kinds of request of an upload, and the way to drop one left half-way. A record's
 * attachment by default; a ticket's file creates with another body and answers another shape.
 */
export type UploadTransport<
  Create extends UploadCreate = CreateAttachment,
  Answer extends UploadAnswer = Attachment,
> = {
  create: (body: Create, signal: AbortSignal) => Promise<Answer>;
  putChunk: (id: string, index: number, bytes: Blob, signal: AbortSignal) => Promise<void>;
  complete: (id: string, sha256: string, signal: AbortSignal) => Promise<Answer>;
  /** Drops an upload left half-way (cancelled, refused); the server also cleans them later. */
  discard: (id: string) => Promise<void>;
};

/** SHA-256 of a file, in hexadecimal, as the server computes it from the chunks it stored. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a failed request may succeed if sent again: no answer (status 0), or the server busy or
 * down. A refusal (the type, the size, the right to attach) will not change.
 */
export function mayPass(error: unknown): boolean {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') {
    return false;
  }
  const { status } = error;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Sends one chunk, again after a failure that may pass, waiting longer each time. */
async function sendChunk(
  transport: Pick<UploadTransport<UploadCreate, UploadAnswer>, 'putChunk'>,
  id: string,
  index: number,
  bytes: Blob,
  signal: AbortSignal,
  retryBaseMs: number,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await transport.putChunk(id, index, bytes, signal);
    } catch (error) {
      if (signal.aborted || attempt >= CHUNK_RETRIES || !mayPass(error)) throw error;
      await wait(retryBaseMs * 2 ** attempt, signal);
    }
  }
}

export type UploadOptions<
  Create extends UploadCreate = CreateAttachment,
  Answer extends UploadAnswer = Attachment,
> = {
  signal: AbortSignal;
  onProgress: (progress: UploadProgress) => void;
  transport: UploadTransport<Create, Answer>;
  retryBaseMs?: number;
};

/**
 * Uploads a file: creates the attachment (the server checks the right to attach there, the size
 * and the quota), sends its chunks in order, each in a request of its own, then its checksum,
 * which makes it visible. A refusal or a cancel drops what was sent.
 */
export async function uploadAttachment<
  Create extends UploadCreate = CreateAttachment,
  Answer extends UploadAnswer = Attachment,
>(
  file: File,
  details: Omit<Create, 'fileName' | 'size'>,
  { signal, onProgress, transport, retryBaseMs = RETRY_BASE_MS }: UploadOptions<Create, Answer>,
): Promise<Answer> {
  // Read while the chunks go: the checksum of 20 MB takes a fraction of a second.
  const checksum = sha256Hex(file);
  // Awaited only once the chunks are in: a failure before then must not go unhandled.
  checksum.catch(() => {});
  // The details and the file's name and size make the whole body (TypeScript cannot see it).
  const body = { ...details, fileName: file.name, size: file.size } as Create;
  const created = await transport.create(body, signal);
  try {
    const chunkBytes = created.chunkBytes > 0 ? created.chunkBytes : ATTACHMENT_CHUNK_BYTES;
    let sent = 0;
    onProgress({ sent, total: file.size });
    for (let index = 0; sent < file.size; index += 1) {
      const bytes = file.slice(sent, Math.min(sent + chunkBytes, file.size));
      await sendChunk(transport, created.id, index, bytes, signal, retryBaseMs);
      sent += bytes.size;
      onProgress({ sent, total: file.size });
    }
    return await transport.complete(created.id, await checksum, signal);
  } catch (error) {
    // The server removes it an hour later anyway: asking now keeps the quota honest.
    transport.discard(created.id).catch(() => {});
    throw error;
  }
}
