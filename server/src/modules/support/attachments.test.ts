import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ATTACHMENT_CHUNK_BYTES, type Ticket, type TicketAttachment } from '@caliu/common';
import type { Database } from '../../db/connect';
import { auditLog } from '../../db/schema';
import { elfExecutable, minimalPdf, minimalPng, sha256 } from '../../testing/attachment-files';
import { buildTestApp, login, type Session } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../testing/factories';
import { createTestTicket } from '../../testing/support-factories';

/**
 * A support ticket's files (issue 19, decision 0009): the requester and an agent each add a file
 * through the chunked upload of attachments, each reads the other's, byte for byte; nobody else
 * reaches them; a closed ticket takes none; the type, the checksum and the right to delete are
 * checked as for any attachment; every step is audited where it happened.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

let app: App;
let db: Database;
let entity: TestEntity;
let other: TestEntity;
let provider: TestEntity;
let tech: TestProfessional;
let colleague: TestProfessional;
let agent: TestProfessional;
let techSession: Session;
let colleagueSession: Session;
let agentSession: Session;
let outsiderSession: Session;

beforeAll(async () => {
  ({ app } = await buildTestApp());
  db = await testDatabase();
  entity = await createTestEntity(db);
  other = await createTestEntity(db);
  provider = await createTestEntity(db, { kind: 'provider' });
  tech = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  colleague = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  const outsider = await createTestProfessional(db, other, { roles: ['administrator'] });
  agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  techSession = await login(app, entity.code, tech.username);
  colleagueSession = await login(app, entity.code, colleague.username);
  agentSession = await login(app, provider.code, agent.username);
  outsiderSession = await login(app, other.code, outsider.username);
}, 120_000);

const call = (s: Session, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: s.headers('en'),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const putChunk = (s: Session, url: string, data: Buffer) =>
  app.inject({
    method: 'PUT',
    url,
    payload: data,
    headers: { ...s.headers('en'), 'content-type': 'application/octet-stream' },
  });

/** The requester's and an agent's addresses of one ticket's files. */
function bases(ticketId: string) {
  return {
    requester: `/api/support/tickets/${ticketId}/attachments`,
    agent: `/api/support/entities/${entity.id}/tickets/${ticketId}/attachments`,
  };
}

/** Uploads `content` in chunks at `base` and completes it; answers the ready file. */
async function upload(s: Session, base: string, content: Buffer, fileName: string) {
  const created = await call(s, 'POST', base, { fileName, size: content.length });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json() as TicketAttachment;
  for (let i = 0; i * ATTACHMENT_CHUNK_BYTES < content.length; i++) {
    const chunk = content.subarray(i * ATTACHMENT_CHUNK_BYTES, (i + 1) * ATTACHMENT_CHUNK_BYTES);
    const put = await putChunk(s, `${base}/${id}/chunks/${i}`, chunk);
    expect(put.statusCode, put.body).toBe(200);
  }
  const done = await call(s, 'POST', `${base}/${id}/complete`, { sha256: sha256(content) });
  expect(done.statusCode, done.body).toBe(200);
  return done.json() as TicketAttachment;
}

/** A PDF of `size` bytes (more than a chunk: the upload takes several requests). */
function pdfOfSize(size: number): Buffer {
  const data = Buffer.alloc(size);
  minimalPdf().copy(data);
  for (let i = 600; i < size; i++) data[i] = (i * 17) & 0xff;
  return data;
}

const auditRows = (entityId: string, action: string, recordId: string) =>
  db.tenant(entityId, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.recordId, recordId))),
  );

describe("a ticket's files", () => {
  it('go both ways: the requester’s to the agent and the agent’s to the requester, byte for byte, audited', async () => {
    const t = await createTestTicket(db, entity, tech.id);
    const b = bases(t.id);
    const screenshot = minimalPng();
    const mine = await upload(techSession, b.requester, screenshot, 'captura.png');
    expect(mine).toMatchObject({
      state: 'ready',
      side: 'requester',
      mediaType: 'image/png',
      size: screenshot.length,
      sha256: sha256(screenshot),
      can: { delete: true },
    });
    expect(mine.authorName).toBe(`Test Professional ${tech.username}`);

    // The agent reads the ticket with the file, and downloads the same bytes.
    const read = await call(
      agentSession,
      'GET',
      `/api/support/entities/${entity.id}/tickets/${t.id}`,
    );
    expect(read.statusCode, read.body).toBe(200);
    const seen = read.json() as Ticket;
    expect(seen.can.attach).toBe(true);
    expect(seen.attachments.map((a) => [a.id, a.side, a.can.delete])).toEqual([
      [mine.id, 'requester', false],
    ]);
    const download = await call(agentSession, 'GET', `${b.agent}/${mine.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(screenshot)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('captura.png');
    expect(download.headers['cache-control']).toBe('no-store');
    // Audited in the ticket's entity (the agent named as from the support entity), and the
    // crossing in the support entity.
    const [downloaded] = await auditRows(entity.id, 'attachment.download', mine.id);
    expect(downloaded).toMatchObject({
      ticketId: t.id,
      actorId: agent.id,
      actorEntityId: provider.id,
    });
    const crossings = await db.tenant(provider.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, 'support.cross_entity_read'), eq(auditLog.recordId, entity.id)),
        ),
    );
    expect(
      crossings.some(
        (c) => (c.details as { purpose?: string }).purpose === 'support.ticket_attachment_read',
      ),
    ).toBe(true);

    // The agent's file, in several chunks, reaches the requester under the agent's name.
    const guide = pdfOfSize(ATTACHMENT_CHUNK_BYTES + 4321);
    const theirs = await upload(agentSession, b.agent, guide, 'guia.pdf');
    expect(theirs).toMatchObject({ side: 'agent', mediaType: 'application/pdf' });
    expect(theirs.authorName).toBe(`Test Professional ${agent.username}`);
    const own = await call(techSession, 'GET', `/api/support/tickets/${t.id}`);
    expect((own.json() as Ticket).attachments.map((a) => [a.id, a.side])).toEqual([
      [mine.id, 'requester'],
      [theirs.id, 'agent'],
    ]);
    const back = await call(techSession, 'GET', `${b.requester}/${theirs.id}/content`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(guide)).toBe(true);
    const [created] = await auditRows(entity.id, 'attachment.create', theirs.id);
    expect(created).toMatchObject({ ticketId: t.id, actorId: agent.id });
    expect(created!.details).toMatchObject({ owner: { type: 'support_ticket', ticketId: t.id } });
  });

  it('reach nobody else: not a colleague of the entity, not another entity, not a professional on the agents’ routes', async () => {
    const t = await createTestTicket(db, entity, tech.id);
    const b = bases(t.id);
    const file = await upload(techSession, b.requester, minimalPng(), 'captura.png');
    // A colleague (a coordinator of the requester's team) reaches neither the ticket nor its file.
    expect(
      (await call(colleagueSession, 'GET', `${b.requester}/${file.id}/content`)).statusCode,
    ).toBe(404);
    expect(
      (await call(colleagueSession, 'POST', b.requester, { fileName: 'x.png', size: 10 }))
        .statusCode,
    ).toBe(404);
    // Another entity's professional: not found either.
    expect(
      (await call(outsiderSession, 'GET', `${b.requester}/${file.id}/content`)).statusCode,
    ).toBe(404);
    // The agents' routes are the agents'.
    expect((await call(techSession, 'GET', `${b.agent}/${file.id}/content`)).statusCode).toBe(403);
    // An agent naming the wrong entity finds no such ticket.
    const wrong = `/api/support/entities/${other.id}/tickets/${t.id}/attachments/${file.id}/content`;
    expect((await call(agentSession, 'GET', wrong)).statusCode).toBe(404);
    // A ticket's file is no record's: the attachments' own routes do not serve it.
    expect((await call(techSession, 'GET', `/api/attachments/${file.id}/content`)).statusCode).toBe(
      404,
    );
    expect((await call(colleagueSession, 'DELETE', `/api/attachments/${file.id}`)).statusCode).toBe(
      404,
    );
  });

  it('are refused on a closed ticket, in words', async () => {
    const t = await createTestTicket(db, entity, tech.id);
    const b = bases(t.id);
    const closed = await call(
      agentSession,
      'POST',
      `/api/support/entities/${entity.id}/tickets/${t.id}/status`,
      {
        status: 'resolved',
      },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as Ticket).can.attach).toBe(false);
    for (const [s, base] of [
      [techSession, b.requester],
      [agentSession, b.agent],
    ] as const) {
      const refused = await call(s, 'POST', base, { fileName: 'captura.png', size: 100 });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toBe(
        'Files can only be attached to an open ticket; this one is resolved. Open a new request if you need to.',
      );
    }
  });

  it('check the type, the size and the checksum as any attachment; only one’s own upload takes chunks', async () => {
    const t = await createTestTicket(db, entity, tech.id);
    const b = bases(t.id);
    // An executable: refused at its first chunk, and the upload goes.
    const program = elfExecutable();
    const created = await call(techSession, 'POST', b.requester, {
      fileName: 'eina.png',
      size: program.length,
    });
    const { id } = created.json() as TicketAttachment;
    expect((await putChunk(techSession, `${b.requester}/${id}/chunks/0`, program)).statusCode).toBe(
      415,
    );
    expect((await putChunk(techSession, `${b.requester}/${id}/chunks/0`, program)).statusCode).toBe(
      404,
    );
    // Too large for the per-file limit: refused before anything is sent.
    const huge = await call(techSession, 'POST', b.requester, {
      fileName: 'gran.pdf',
      size: 10 ** 10,
    });
    expect(huge.statusCode).toBe(413);
    // A checksum that is not the file's: the upload is discarded.
    const png = minimalPng();
    const second = await call(techSession, 'POST', b.requester, {
      fileName: 'c.png',
      size: png.length,
    });
    const upload2 = second.json() as TicketAttachment;
    // The agent cannot send chunks of the requester's upload.
    expect(
      (await putChunk(agentSession, `${b.agent}/${upload2.id}/chunks/0`, png)).statusCode,
    ).toBe(404);
    expect(
      (await putChunk(techSession, `${b.requester}/${upload2.id}/chunks/0`, png)).statusCode,
    ).toBe(200);
    const bad = await call(techSession, 'POST', `${b.requester}/${upload2.id}/complete`, {
      sha256: sha256(Buffer.from('something else')),
    });
    expect(bad.statusCode).toBe(409);
    const ticket = (
      await call(techSession, 'GET', `/api/support/tickets/${t.id}`)
    ).json() as Ticket;
    expect(ticket.attachments).toEqual([]);
  });

  it('are deleted by their uploader only, and the audit keeps the trace', async () => {
    const t = await createTestTicket(db, entity, tech.id);
    const b = bases(t.id);
    const file = await upload(techSession, b.requester, minimalPng(), 'captura.png');
    const byAgent = await call(agentSession, 'DELETE', `${b.agent}/${file.id}`);
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().error.message).toContain('Only whoever attached this file may delete it');
    expect((await call(techSession, 'DELETE', `${b.requester}/${file.id}`)).statusCode).toBe(204);
    expect((await call(techSession, 'GET', `${b.requester}/${file.id}/content`)).statusCode).toBe(
      404,
    );
    const [trace] = await auditRows(entity.id, 'attachment.delete', file.id);
    expect(trace!.details).toMatchObject({
      owner: { type: 'support_ticket', ticketId: t.id },
      sha256: file.sha256,
      reason: 'deleted',
    });
  });
});
