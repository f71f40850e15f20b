import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Attachment, CreateAttachment } from '@caliu/common';
import { CHUNK_RETRIES, mayPass, sha256Hex, uploadAttachment } from './upload-protocol';
import type { UploadProgress, UploadTransport } from './upload-protocol';

/** An error as the API client throws it: a status (0 when nothing answered). */
class StatusError extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

const ID = '0b9e7c1e-5f0e-4d8b-9a57-3c1f2b4a6d70';
const DETAILS = {
  owner: { type: 'case_file', caseFileId: '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d' },
  title: 'Informe',
  categoryId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  documentDate: '2026-03-02',
} as const;

function attachment(chunkBytes: number): Attachment {
  return {
    id: ID,
    owner: DETAILS.owner,
    title: DETAILS.title,
    category: { id: DETAILS.categoryId, code: 'health', label: 'Health' },
    documentDate: DETAILS.documentDate,
    fileName: 'informe.pdf',
    mediaType: null,
    size: 10,
    sha256: null,
    state: 'uploading',
    uploadedBy: null,
    createdAt: '2026-03-02T10:00:00.000Z',
    receivedBytes: 0,
    chunkBytes,
    can: { delete: true },
  };
}

/** A server in memory: what it was sent, and the failures it answers first for each chunk. */
function fakeServer(chunkBytes: number, failures: Record<number, number[]> = {}) {
  const created: CreateAttachment[] = [];
  const chunks: { index: number; text: string }[] = [];
  const attempts: number[] = [];
  const completed: string[] = [];
  const discarded: string[] = [];
  const transport: UploadTransport = {
    create: async (body) => {
      created.push(body);
      return attachment(chunkBytes);
    },
    putChunk: async (_id, index, bytes) => {
      attempts.push(index);
      const status = failures[index]?.shift();
      if (status !== undefined) throw new StatusError(status);
      chunks.push({ index, text: await bytes.text() });
    },
    complete: async (_id, sha256) => {
      completed.push(sha256);
      return { ...attachment(chunkBytes), state: 'ready', sha256 };
    },
    discard: async (id) => {
      discarded.push(id);
    },
  };
  return { transport, created, chunks, attempts, completed, discarded };
}

const file = (text: string) => new File([text], 'informe.pdf', { type: 'application/pdf' });

describe('uploadAttachment', () => {
  it('creates, sends every chunk in order, then completes with the checksum', async () => {
    const server = fakeServer(4);
    const progress: UploadProgress[] = [];
    const done = await uploadAttachment(file('0123456789'), DETAILS, {
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
      transport: server.transport,
    });
    expect(server.created).toEqual([{ ...DETAILS, fileName: 'informe.pdf', size: 10 }]);
    expect(server.chunks).toEqual([
      { index: 0, text: '0123' },
      { index: 1, text: '4567' },
      { index: 2, text: '89' },
    ]);
    expect(progress.map((p) => p.sent)).toEqual([0, 4, 8, 10]);
    expect(server.completed).toEqual([createHash('sha256').update('0123456789').digest('hex')]);
    expect(done.state).toBe('ready');
  });

  it('sends a chunk again after a failure that may pass', async () => {
    const server = fakeServer(4, { 1: [0, 503] });
    await uploadAttachment(file('0123456789'), DETAILS, {
      signal: new AbortController().signal,
      onProgress: () => {},
      transport: server.transport,
      retryBaseMs: 1,
    });
    expect(server.attempts).toEqual([0, 1, 1, 1, 2]);
    expect(server.chunks.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it(`gives up after ${CHUNK_RETRIES} new tries, and drops the upload`, async () => {
    const server = fakeServer(4, { 0: [500, 500, 500, 500] });
    await expect(
      uploadAttachment(file('0123456789'), DETAILS, {
        signal: new AbortController().signal,
        onProgress: () => {},
        transport: server.transport,
        retryBaseMs: 1,
      }),
    ).rejects.toMatchObject({ status: 500 });
    expect(server.attempts).toEqual([0, 0, 0, 0]);
    expect(server.completed).toEqual([]);
    expect(server.discarded).toEqual([ID]);
  });

  it('does not send again what the server refused (the type of the file)', async () => {
    const server = fakeServer(4, { 0: [415] });
    await expect(
      uploadAttachment(file('0123456789'), DETAILS, {
        signal: new AbortController().signal,
        onProgress: () => {},
        transport: server.transport,
        retryBaseMs: 1,
      }),
    ).rejects.toMatchObject({ status: 415 });
    expect(server.attempts).toEqual([0]);
  });

  it('stops waiting to try again when cancelled', async () => {
    const server = fakeServer(4, { 0: [0] });
    const controller = new AbortController();
    const upload = uploadAttachment(file('0123456789'), DETAILS, {
      signal: controller.signal,
      onProgress: () => {},
      transport: server.transport,
      retryBaseMs: 60_000,
    });
    await expect.poll(() => server.attempts.length).toBe(1);
    controller.abort();
    await expect(upload).rejects.toBeDefined();
    expect(server.attempts).toEqual([0]);
    expect(server.discarded).toEqual([ID]);
  });
});

describe('mayPass', () => {
  it('tries again without an answer, or with the server busy or down', () => {
    for (const status of [0, 408, 429, 500, 502, 503]) {
      expect(mayPass(new StatusError(status))).toBe(true);
    }
    for (const status of [400, 403, 404, 409, 413, 415, 422]) {
      expect(mayPass(new StatusError(status))).toBe(false);
    }
    expect(mayPass(new Error('no status'))).toBe(false);
  });
});

describe('sha256Hex', () => {
  it('is the hexadecimal SHA-256 of the bytes', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
