import type { TicketCreate, TicketKind } from '@caliu/common';
import type { Database } from '../db/connect';
import { insertTicket } from '../modules/support/repository';
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
