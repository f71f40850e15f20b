import { sql } from 'drizzle-orm';
import type { TicketCreate, TicketKind } from '@caliu/common';
import { type Database, rowsOf } from '../db/connect';
import type { Uploader } from '../modules/support/attachment-repository';
import { insertTicket } from '../modules/support/repository';
import { minimalPng, sha256 } from './attachment-files';
import type { TestEntity } from './factories';

/** Test helpers of the support desk (issue 19): tickets of every kind, complete and valid. */

export const DIAGNOSTICS = {
  requestId: 'req-123',
  request: 'GET /api/case-files/export → 500',
  page: '/case-files',
  userAgent: 'Mozilla/5.0 (test)',
  at: '2026-03-01T10:00:00.000Z',
};

/** What a complete body of each kind needs from the entity's records. */
export type TicketRecords = {
  entity: TestEntity;
  /** Two person records the requester sees. */
  personIds: [string, string];
  /** Two case file numbers the requester sees (`2026/000034`). */
  numbers: [string, string];
  /** Two active professionals of the entity. */
  professionalIds: [string, string];
};

/** A complete, valid body of `kind` (the server's checks pass with `records`). */
export function ticketBody(kind: TicketKind, r: TicketRecords): TicketCreate {
  switch (kind) {
    case 'new_professional':
      return {
        kind,
        fields: {
          givenName: 'Marta',
          surnames: 'Puig Serra',
          documentType: 'dni',
          documentNumber: '12345678Z',
          email: `marta.puig@${r.entity.domain}`,
          roles: ['tech_ssb'],
          teamId: r.entity.teams.north,
          sectorId: r.entity.sectors.north,
          costCategory: null,
          firstAccessBySms: false,
        },
      };
    case 'merge_persons':
      return {
        kind,
        fields: { personIds: r.personIds, survivorId: r.personIds[0], reason: 'has_document' },
      };
    case 'merge_case_files':
      return { kind, fields: { numbers: r.numbers, survivorNumber: r.numbers[0] } };
    case 'mass_transfer':
      return {
        kind,
        fields: {
          fromProfessionalId: r.professionalIds[0],
          toProfessionalId: r.professionalIds[1],
          caseFiles: 'open_and_closed',
          persons: true,
          agenda: false,
        },
      };
    case 'delete_case_files':
      return { kind, fields: { numbers: [r.numbers[0]], nothingAttached: true } };
    case 'connection_error':
      return { kind, fields: { diagnostics: DIAGNOSTICS } };
    case 'export_error':
      return { kind, fields: { what: 'The list of case files', diagnostics: DIAGNOSTICS } };
    case 'other':
      return { kind, fields: { text: 'How do I change my signature?' } };
  }
}

/** A ticket written straight into the database (status `new`), for a requester. */
export async function createTestTicket(
  database: Database,
  entity: TestEntity,
  requesterId: string,
  kind: TicketKind = 'other',
): Promise<{ id: string; number: string }> {
  return database.tenant(entity.id, (tx) =>
    insertTicket(tx, {
      entityId: entity.id,
      kind,
      fields: kind === 'other' ? { text: 'A question' } : {},
      subject: 'A question',
      requesterId,
      now: new Date(),
    }),
  );
}

/**
 * A file on a ticket written straight into the database, one chunk of a small PNG: `uploading`
 * (nothing received), `uploaded` (every byte in, not completed) or `ready`.
 */
export async function createTestTicketAttachment(
  database: Database,
  entity: Pick<TestEntity, 'id'>,
  ticketId: string,
  uploader: Uploader,
  state: 'uploading' | 'uploaded' | 'ready' = 'ready',
): Promise<string> {
  const content = minimalPng();
  const stored = state !== 'uploading';
  const ready = state === 'ready';
  const agent = uploader.side === 'agent' ? uploader : null;
  return database.tenant(entity.id, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO attachments (entity_id, support_ticket_id, title, file_name, media_type, size,
          received_bytes, chunk_count, sha256, state, uploaded_by, uploaded_by_agent_id,
          uploader_name, created_at, last_activity_at, completed_at)
        VALUES (${entity.id}, ${ticketId}, 'captura.png', 'captura.png',
          ${stored ? 'image/png' : null}, ${content.length}, ${stored ? content.length : 0},
          ${stored ? 1 : 0}, ${ready ? sha256(content) : null}, ${ready ? 'ready' : 'uploading'},
          ${uploader.side === 'requester' ? uploader.professionalId : null},
          ${agent?.agentId ?? null}, ${agent?.name ?? null}, now(), now(),
          ${ready ? sql`now()` : null})
        RETURNING id`,
    );
    if (stored) {
      await tx.execute(sql`INSERT INTO attachment_chunks (entity_id, attachment_id, chunk_index, data)
        VALUES (${entity.id}, ${row!.id}, 0, ${content}::bytea)`);
    }
    return row!.id;
  });
}
