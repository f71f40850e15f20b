import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ATTACHMENT_CHUNK_BYTES, type Attachment, type AttachmentOwner } from '@caliu/common';
import {
  elfExecutable,
  minimalDocx,
  minimalPdf,
  plainText,
  plainZip,
  sha256,
  windowsExecutable,
} from '../../testing/attachment-files';
import { attachmentsWorld } from '../../testing/attachments-world';
import { createTestCaseFile } from '../../testing/case-files-factories';

/**
 * The upload protocol of attachments (decision 0007): create, chunks in order, complete with the
 * checksum; the limits of a file and of an entity; the type decided from the content; the
 * download's headers and bytes.
 */

const MiB = 1024 * 1024;

/** A file of `size` bytes that starts as a PDF (the first chunk decides the type). */
function pdfOfSize(size: number): Buffer {
  const data = Buffer.alloc(size);
  minimalPdf().copy(data);
  for (let i = 600; i < size; i++) data[i] = (i * 31) & 0xff;
  return data;
}

async function setUp(options: Parameters<typeof attachmentsWorld>[0] = {}) {
  const world = await attachmentsWorld(options);
  const { tech } = world;
  const file = await createTestCaseFile(world.db, world.entity, { referentId: tech.id });
  return { ...world, tech, file, owner: { type: 'case_file' as const, caseFileId: file.id } };
}

describe('uploading an attachment', () => {
  it('takes a file in chunks, shows it only once complete, and serves it back as an attachment', async () => {
    const w = await setUp();
    const colleague = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
    const content = pdfOfSize(2 * MiB + 12345);
    const created = await w.start(w.tech.session, w.owner, content, {
      fileName: 'Informe de l’escola.pdf',
      category: 'education',
    });
    expect(created.statusCode, created.body).toBe(201);
    const upload = created.json() as Attachment;
    expect(upload).toMatchObject({
      state: 'uploading',
      size: content.length,
      receivedBytes: 0,
      chunkBytes: ATTACHMENT_CHUNK_BYTES,
      mediaType: null,
      category: { code: 'education', label: 'Education' },
      uploadedBy: { id: w.tech.id },
    });
    const query = `ownerType=case_file&ownerId=${w.file.id}`;

    const chunks = [0, 1, 2].map((i) =>
      content.subarray(i * ATTACHMENT_CHUNK_BYTES, (i + 1) * ATTACHMENT_CHUNK_BYTES),
    );
    const first = await w.putChunk(w.tech.session, upload.id, 0, chunks[0]!);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ mediaType: 'application/pdf', receivedBytes: MiB });
    // Out of order: refused, nothing stored.
    const skipped = await w.putChunk(w.tech.session, upload.id, 2, chunks[2]!);
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error.message).toContain('chunk 1 was expected, not chunk 2');
    // A retry of a chunk already stored (its answer was lost): the same bytes are fine.
    expect((await w.putChunk(w.tech.session, upload.id, 0, chunks[0]!)).statusCode).toBe(200);
    // Other bytes under an index already stored are not.
    expect((await w.putChunk(w.tech.session, upload.id, 0, chunks[1]!)).statusCode).toBe(409);
    expect((await w.putChunk(w.tech.session, upload.id, 1, chunks[1]!)).statusCode).toBe(200);

    // Not visible until complete: not to the uploader's list, not to a coordinator, no download.
    expect(await w.listed(w.tech.session, query)).toEqual([]);
    expect(await w.listed(colleague.session, query)).toEqual([]);
    expect(await w.listed(w.tech.session, `${query}&includeUploading=true`)).toEqual([upload.id]);
    expect(await w.listed(colleague.session, `${query}&includeUploading=true`)).toEqual([]);
    const early = await w.call(colleague.session, 'GET', `/api/attachments/${upload.id}/content`);
    expect(early.statusCode).toBe(404);
    // Completing before every byte is in says how much arrived.
    const incomplete = await w.call(
      w.tech.session,
      'POST',
      `/api/attachments/${upload.id}/complete`,
      {
        sha256: sha256(content),
      },
    );
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.message).toContain('2 MB of 2 MB');

    expect((await w.putChunk(w.tech.session, upload.id, 2, chunks[2]!)).statusCode).toBe(200);
    const done = await w.call(w.tech.session, 'POST', `/api/attachments/${upload.id}/complete`, {
      sha256: sha256(content),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'ready', sha256: sha256(content) });
    // Completing again (the answer was lost) answers the same.
    const again = await w.call(w.tech.session, 'POST', `/api/attachments/${upload.id}/complete`, {
      sha256: sha256(content),
    });
    expect(again.statusCode).toBe(200);
    expect(await w.listed(colleague.session, query)).toEqual([upload.id]);

    const download = await w.call(
      colleague.session,
      'GET',
      `/api/attachments/${upload.id}/content`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'content-disposition': `attachment; filename="Informe de lescola.pdf"; filename*=UTF-8''Informe%20de%20l%E2%80%99escola.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    const [created1] = await w.audits('attachment.create');
    expect(created1).toMatchObject({ record_id: upload.id, actor_id: w.tech.id });
    expect(created1!.subjects).toEqual([w.file.holderId]);
  });

  it('refuses a chunk beyond the declared size, a short chunk before the last, an empty one', async () => {
    const w = await setUp();
    const content = pdfOfSize(MiB + 100);
    const id = await w.started(w.tech.session, w.owner, content);
    const short = await w.putChunk(w.tech.session, id, 0, content.subarray(0, 1000));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe(
      'Every chunk of the file but the last must hold exactly 1 MB. Upload the file again.',
    );
    expect((await w.putChunk(w.tech.session, id, 0, Buffer.alloc(0))).statusCode).toBe(400);
    expect((await w.putChunk(w.tech.session, id, 0, content.subarray(0, MiB))).statusCode).toBe(
      200,
    );
    const over = await w.putChunk(w.tech.session, id, 1, pdfOfSize(101));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('attachments.size_overrun');
    // A chunk over the chunk size never reaches the service whole.
    const huge = await w.putChunk(w.tech.session, id, 1, Buffer.alloc(MiB + 1));
    expect(huge.statusCode).toBe(413);
    // JSON where bytes are expected.
    const json = await w.call(w.tech.session, 'PUT', `/api/attachments/${id}/chunks/1`, { a: 1 });
    expect(json.statusCode).toBe(415);
  });

  it('discards an upload whose checksum does not match', async () => {
    const w = await setUp();
    const content = minimalPdf();
    const id = await w.started(w.tech.session, w.owner, content);
    expect((await w.putChunk(w.tech.session, id, 0, content)).statusCode).toBe(200);
    const wrong = await w.call(w.tech.session, 'POST', `/api/attachments/${id}/complete`, {
      sha256: sha256(Buffer.from('something else')),
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('attachments.checksum_mismatch');
    expect(await w.stored()).toEqual({ attachments: 0, chunks: 0 });
    expect((await w.putChunk(w.tech.session, id, 1, content)).statusCode).toBe(404);
  });

  it('answers two completions at once alike, auditing the creation once', async () => {
    const w = await setUp();
    const content = minimalPdf();
    const id = await w.started(w.tech.session, w.owner, content);
    expect((await w.putChunk(w.tech.session, id, 0, content)).statusCode).toBe(200);
    const complete = () =>
      w.call(w.tech.session, 'POST', `/api/attachments/${id}/complete`, {
        sha256: sha256(content),
      });
    const answers = await Promise.all([complete(), complete()]);
    expect(answers.map((a) => [a.statusCode, (a.json() as Attachment).state])).toEqual([
      [200, 'ready'],
      [200, 'ready'],
    ]);
    expect(await w.audits('attachment.create')).toHaveLength(1);
  });

  it('finishes no upload whose item is not in its case file', async () => {
    const w = await setUp();
    const file = await createTestCaseFile(w.db, w.entity, {
      referentId: w.tech.id,
      interviewBy: w.tech.id,
    });
    const other = await createTestCaseFile(w.db, w.entity, { referentId: w.tech.id });
    const owner = {
      type: 'item' as const,
      caseFileId: file.id,
      itemKind: 'intervention' as const,
      itemId: file.interventionId!,
    };
    // One upload half sent, one sent whole and awaiting completion.
    const long = pdfOfSize(MiB + 100);
    const half = await w.started(w.tech.session, owner, long);
    expect((await w.putChunk(w.tech.session, half, 0, long.subarray(0, MiB))).statusCode).toBe(200);
    const content = minimalPdf();
    const whole = await w.started(w.tech.session, owner, content);
    expect((await w.putChunk(w.tech.session, whole, 0, content)).statusCode).toBe(200);
    // Both on another case file than their item's (what a creation racing the item's transfer
    // could leave before creations locked the item): nobody's to finish.
    await w.db.asOwner((tx) =>
      tx.execute(sql`UPDATE attachments SET case_file_id = ${other.id}
        WHERE id IN (${half}, ${whole})`),
    );
    expect((await w.putChunk(w.tech.session, half, 1, long.subarray(MiB))).statusCode).toBe(404);
    const done = await w.call(w.tech.session, 'POST', `/api/attachments/${whole}/complete`, {
      sha256: sha256(content),
    });
    expect(done.statusCode).toBe(404);
  });

  it('lets only the uploader send chunks and complete', async () => {
    const w = await setUp();
    const other = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
    const content = minimalPdf();
    const id = await w.started(w.tech.session, w.owner, content);
    expect((await w.putChunk(other.session, id, 0, content)).statusCode).toBe(404);
    expect((await w.putChunk(w.tech.session, id, 0, content)).statusCode).toBe(200);
    const theirs = await w.call(other.session, 'POST', `/api/attachments/${id}/complete`, {
      sha256: sha256(content),
    });
    expect(theirs.statusCode).toBe(404);
  });
});

describe('what an attachment may be', () => {
  it.each([
    ['a Linux executable named .pdf', elfExecutable()],
    ['a Windows executable named .pdf', windowsExecutable()],
    ['a text file named .pdf', plainText()],
    ['a ZIP that is no office document', plainZip()],
  ])(
    'refuses %s, discarding the upload, and says which types are accepted',
    async (_w, content) => {
      const w = await setUp();
      const id = await w.started(w.tech.session, w.owner, content, { fileName: 'informe.pdf' });
      const refused = await w.putChunk(w.tech.session, id, 0, content, 'ca');
      expect(refused.statusCode).toBe(415);
      expect(refused.json().error.message).toBe(
        "Aquest tipus de fitxer no s'accepta (se n'ha comprovat el contingut, no el nom): " +
          "s'accepten PDF, JPEG, PNG, HEIC, DOCX, ODT, XLSX, ODS. La pujada s'ha descartat.",
      );
      expect(await w.stored()).toEqual({ attachments: 0, chunks: 0 });
    },
  );

  it('keeps an office document, typed by its content', async () => {
    const w = await setUp();
    const attachment = await w.upload(w.tech.session, w.owner, minimalDocx(), {
      fileName: 'informe.bin',
    });
    expect(attachment.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('refuses a document dated in the future (entity time), an unknown or retired category', async () => {
    const w = await setUp({ today: '2026-03-10' });
    const content = minimalPdf();
    const future = await w.start(w.tech.session, w.owner, content, { documentDate: '2026-03-11' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([
      { field: 'documentDate', message: 'The date of the document cannot be in the future.' },
    ]);
    const unknown = await w.call(w.tech.session, 'POST', '/api/attachments', {
      ...w.newUpload(w.owner, content),
      categoryId: crypto.randomUUID(),
    });
    expect(unknown.statusCode).toBe(400);
    await w.db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`UPDATE catalogue_items SET active = false WHERE id = ${w.categories.legal}`),
    );
    const retired = await w.start(w.tech.session, w.owner, content, { category: 'legal' });
    expect(retired.statusCode).toBe(400);
    expect(retired.json().error.code).toBe('attachments.unknown_category');
    // An owner whose fields do not go with its kind: each field named.
    const mixed = await w.start(
      w.tech.session,
      {
        type: 'person',
        caseFileId: w.file.id,
      } as unknown as AttachmentOwner,
      content,
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.details).toEqual([
      { field: 'owner.personId', message: '“Person” is required for this kind of record.' },
      {
        field: 'owner.caseFileId',
        message: '“Case file” does not go with this kind of record: leave it out.',
      },
    ]);
  });
});

describe('size limits', () => {
  it('refuses a file over the configured limit, naming it in MB', async () => {
    const w = await setUp({ env: { CALIU_ATTACHMENT_MAX_BYTES: String(3 * MiB) } });
    const res = await w.start(w.tech.session, w.owner, minimalPdf(), { size: 4.5 * MiB });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.details[0]).toEqual({
      field: 'size',
      message:
        'This file is 4.5 MB and the largest file accepted is 3 MB. Scan it at a lower ' +
        'resolution, or split it into several files.',
    });
    await w.started(w.tech.session, w.owner, minimalPdf(), { size: 3 * MiB });
  });

  it("refuses a file that would exceed the entity's quota, counting what uploads in progress received", async () => {
    const w = await setUp();
    await w.db.asOwner((tx) =>
      tx.execute(
        sql`UPDATE entities SET attachment_quota_bytes = ${5 * MiB} WHERE id = ${w.entity.id}`,
      ),
    );
    const ready = await w.upload(w.tech.session, w.owner, pdfOfSize(2 * MiB));
    expect(ready.state).toBe('ready');
    // An upload in progress holds what it has received (1 MiB of the 2 it declared), not more:
    // one declared large and never sent takes no room.
    const going = await w.started(w.tech.session, w.owner, minimalPdf(), { size: 2 * MiB });
    expect((await w.putChunk(w.tech.session, going, 0, pdfOfSize(MiB))).statusCode).toBe(200);
    const over = await w.start(w.tech.session, w.owner, minimalPdf(), { size: 2 * MiB + 1 }, 'es');
    expect(over.statusCode).toBe(413);
    expect(over.json().error.message).toBe(
      'El espacio para adjuntos de su entidad está lleno: tiene 5 MB y quedan 2 MB. Pida al ' +
        'administrador de su entidad que lo amplíe.',
    );
    // Exactly what is left fits.
    await w.started(w.tech.session, w.owner, minimalPdf(), { size: 2 * MiB });
    expect(await w.stored()).toEqual({ attachments: 3, chunks: 3 });
  });

  it('lets a professional have at most five uploads in progress at once', async () => {
    const w = await setUp();
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await w.started(w.tech.session, w.owner, minimalPdf()));
    const sixth = await w.start(w.tech.session, w.owner, minimalPdf(), {}, 'ca');
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error).toMatchObject({
      code: 'attachments.too_many_uploads',
      message:
        "Ja teniu 5 pujades en curs. Deixeu que n'acabi alguna, o cancel·leu les que ja no " +
        'necessiteu, abans de començar-ne una altra.',
    });
    // The cap is each professional's: a colleague starts theirs.
    const coordinator = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
    await w.started(coordinator.session, w.owner, minimalPdf());
    // One finished and one cancelled make room for two more.
    const content = minimalPdf();
    expect((await w.putChunk(w.tech.session, ids[0]!, 0, content)).statusCode).toBe(200);
    const done = await w.call(w.tech.session, 'POST', `/api/attachments/${ids[0]}/complete`, {
      sha256: sha256(content),
    });
    expect(done.statusCode, done.body).toBe(200);
    const cancelled = await w.call(w.tech.session, 'DELETE', `/api/attachments/${ids[1]}`);
    expect(cancelled.statusCode).toBe(204);
    await w.started(w.tech.session, w.owner, minimalPdf());
    await w.started(w.tech.session, w.owner, minimalPdf());
    expect((await w.start(w.tech.session, w.owner, minimalPdf())).statusCode).toBe(409);
  });
});
