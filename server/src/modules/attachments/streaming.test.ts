import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_CHUNK_BYTES,
  type Attachment,
  CSRF_HEADER,
  SESSION_COOKIE,
} from '@caliu/common';
import { TEST_PASSWORD } from '../../testing/app';
import { minimalPdf, sha256 } from '../../testing/attachment-files';
import { type ApiServer, startApiServer } from '../../testing/api-server-process';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres, testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';

/**
 * Streaming (issue 17, "Done means"): a 20 MiB upload and download through a real server process
 * on PostgreSQL, whose memory grows by far less than the file — the chunks pass through one at a
 * time, each in its own short transaction, never the whole file at once.
 */

const MiB = 1024 * 1024;

async function signIn(server: ApiServer, entity: string, username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ entity, username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, [CSRF_HEADER]: csrfToken };
}

/** Sends a file as the console does, one chunk per request; answers its id. */
async function send(
  server: ApiServer,
  headers: Record<string, string>,
  body: object,
  content: Buffer,
  afterChunk: () => Promise<unknown> = async () => undefined,
): Promise<string> {
  const json = { ...headers, 'content-type': 'application/json' };
  const created = await fetch(`${server.url}/api/attachments`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ ...body, size: content.length }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as Attachment;
  for (let index = 0; index * ATTACHMENT_CHUNK_BYTES < content.length; index++) {
    const start = index * ATTACHMENT_CHUNK_BYTES;
    const res = await fetch(`${server.url}/api/attachments/${id}/chunks/${index}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: content.subarray(start, start + ATTACHMENT_CHUNK_BYTES),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    if (index % 2 === 1) await afterChunk();
  }
  const done = await fetch(`${server.url}/api/attachments/${id}/complete`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ sha256: sha256(content) }),
  });
  expect(done.status).toBe(200);
  return id;
}

/**
 * Downloads, hashing as the bytes arrive (the test keeps no copy either); after every 2 MiB it
 * stops reading and runs `paused` while the download is in flight, the server held back by the
 * connection.
 */
async function receive(
  server: ApiServer,
  headers: Record<string, string>,
  id: string,
  paused: () => Promise<unknown> = async () => undefined,
) {
  const res = await fetch(`${server.url}/api/attachments/${id}/content`, { headers });
  expect(res.status).toBe(200);
  const hash = createHash('sha256');
  let size = 0;
  let next = 2 * MiB;
  for await (const part of res.body!) {
    hash.update(part as Uint8Array);
    size += (part as Uint8Array).length;
    if (size >= next) {
      next += 2 * MiB;
      await paused();
    }
  }
  return { sha256: hash.digest('hex'), size, length: Number(res.headers.get('content-length')) };
}

describe('streaming attachments', () => {
  it.skipIf(!onPostgres())(
    `a 20 MiB upload and download grow the server's live memory by far less than the file (${NEEDS_POSTGRES})`,
    async () => {
      const db = await testDatabase();
      const entity = await createTestEntity(db);
      const tech = await createTestProfessional(db, entity, {
        roles: ['tech_ssb'],
        teams: [entity.teams.north],
      });
      const file = await createTestCaseFile(db, entity, { referentId: tech.id });
      const server = await startApiServer(process.env.TEST_DATABASE_URL!);
      try {
        const headers = await signIn(server, entity.code, tech.username);
        const categories = await fetch(`${server.url}/api/attachments/categories`, { headers });
        const legal = (
          (await categories.json()) as { items: { id: string; code: string }[] }
        ).items.find((c) => c.code === 'legal')!.id;
        const body = {
          owner: { type: 'case_file', caseFileId: file.id },
          title: 'Resolució judicial',
          categoryId: legal,
          documentDate: '2026-01-15',
          fileName: 'resolucio.pdf',
        };
        const fileOf = (size: number) => {
          const data = Buffer.alloc(size);
          for (let i = 0; i < size; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
          minimalPdf().copy(data);
          return data;
        };
        // Warm up: the code paths, the pool's connections and their prepared statements.
        const warm = fileOf(4 * MiB);
        expect((await receive(server, headers, await send(server, headers, body, warm))).size).toBe(
          warm.length,
        );

        // The server's live memory, measured after every other chunk it stored and after every
        // 2 MiB it sent while the download was in flight: its growth over the baseline, in MiB.
        const content = fileOf(20 * MiB);
        const baseline = await server.measure();
        const growth = { rss: 0, heapUsed: 0, arrayBuffers: 0 };
        let measures = 0;
        const measure = async () => {
          const now = await server.measure();
          measures++;
          for (const key of Object.keys(growth) as (keyof typeof growth)[]) {
            growth[key] = Math.max(growth[key], (now[key] - baseline[key]) / MiB);
          }
        };
        const id = await send(server, headers, body, content, measure);
        const upload = { ...growth };
        const got = await receive(server, headers, id, measure);
        expect(got).toEqual({
          sha256: sha256(content),
          size: content.length,
          length: content.length,
        });
        console.log(
          `attachments streaming, 20 MiB (${measures} measures): the server's live memory grew ` +
            `at most by ${growth.arrayBuffers.toFixed(1)} MiB of buffers, ` +
            `${growth.heapUsed.toFixed(1)} MiB of heap, ${growth.rss.toFixed(1)} MiB of RSS ` +
            `(upload alone: ${upload.arrayBuffers.toFixed(1)}, ${upload.heapUsed.toFixed(1)}, ` +
            `${upload.rss.toFixed(1)} MiB)`,
        );
        expect(measures).toBeGreaterThanOrEqual(20);
        expect(growth.arrayBuffers).toBeLessThan(8);
        expect(growth.heapUsed).toBeLessThan(8);
        expect(growth.rss).toBeLessThan(8);
      } finally {
        await server.stop();
      }
    },
    120_000,
  );
});
