import { sql } from 'drizzle-orm';
import {
  formatCaseFileNumber,
  parseCaseFileNumber,
  type TicketKind,
  type TicketReferences,
} from '@caliu/common';
import { rowsOf, type Tx, uuidArray } from '../../db/connect';
import { attachedCountsSql, countsOf } from './checks';

/**
 * The records a ticket's fields name, resolved behind the ticket entity's wall to what an agent
 * may see: names, numbers and counts — never content. A record gone since reads as absent.
 */

const isUuid = (v: unknown): v is string =>
  typeof v === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** `****678Z`: the last four characters of a document, the rest hidden. */
export function maskDocument(value: string | null): string | null {
  if (!value) return null;
  return `****${value.slice(-4)}`;
}

export async function resolveReferences(
  tx: Tx,
  entityId: string,
  kind: TicketKind,
  fields: Record<string, unknown>,
): Promise<TicketReferences> {
  const refs: TicketReferences = {
    persons: [],
    caseFiles: [],
    professionals: [],
    teams: [],
    sectors: [],
  };
  if (kind === 'merge_persons') {
    const ids = strings(fields.personIds).filter(isUuid);
    if (ids.length) {
      const rows = await rowsOf<{
        id: string;
        name: string;
        document_number: string | null;
        case_files: number;
      }>(
        tx,
        sql`SELECT p.id, trim(p.given_name || ' ' || p.first_surname || ' ' ||
            coalesce(p.second_surname, '')) AS name, p.document_number,
            (SELECT count(*) FROM case_file_members m WHERE m.entity_id = p.entity_id
              AND m.person_id = p.id)::int AS case_files
          FROM persons p WHERE p.entity_id = ${entityId} AND p.id = ANY(${uuidArray(ids)})`,
      );
      refs.persons = ids.flatMap((id) => {
        const row = rows.find((r) => r.id === id);
        return row
          ? [
              {
                id: row.id,
                name: row.name,
                document: maskDocument(row.document_number),
                caseFiles: Number(row.case_files),
              },
            ]
          : [];
      });
    }
  }
  if (kind === 'merge_case_files' || kind === 'delete_case_files') {
    for (const typed of strings(fields.numbers)) {
      const parsed = parseCaseFileNumber(typed);
      if (!parsed || parsed.year === null) continue;
      const [row] = await rowsOf<Record<string, unknown> & { id: string; state: string }>(
        tx,
        sql`SELECT cf.id, cf.state, ${attachedCountsSql} FROM case_files cf
          WHERE cf.entity_id = ${entityId} AND cf.year = ${parsed.year} AND cf.seq = ${parsed.seq}`,
      );
      if (!row || refs.caseFiles.some((c) => c.id === row.id)) continue;
      refs.caseFiles.push({
        id: row.id,
        number: formatCaseFileNumber(parsed.year, parsed.seq),
        state: row.state === 'closed' ? 'closed' : 'open',
        counts: countsOf(row),
      });
    }
  }
  if (kind === 'mass_transfer') {
    const ids = [fields.fromProfessionalId, fields.toProfessionalId].filter(isUuid);
    for (const id of ids) {
      const [row] = await rowsOf<{ id: string; name: string; case_files: number; persons: number }>(
        tx,
        sql`SELECT pr.id, trim(pr.given_name || ' ' || pr.surnames) AS name,
            (SELECT count(*) FROM case_files cf WHERE cf.entity_id = pr.entity_id
              AND cf.referent_id = pr.id)::int AS case_files,
            (SELECT count(*) FROM persons p WHERE p.entity_id = pr.entity_id
              AND p.referent_id = pr.id)::int AS persons
          FROM professionals pr WHERE pr.entity_id = ${entityId} AND pr.id = ${id}`,
      );
      if (row)
        refs.professionals.push({
          id: row.id,
          name: row.name,
          caseFiles: Number(row.case_files),
          persons: Number(row.persons),
        });
    }
  }
  if (kind === 'new_professional') {
    if (isUuid(fields.teamId)) {
      refs.teams = await rowsOf<{ id: string; name: string }>(
        tx,
        sql`SELECT id, name FROM teams WHERE entity_id = ${entityId} AND id = ${fields.teamId}`,
      );
    }
    if (isUuid(fields.sectorId)) {
      refs.sectors = await rowsOf<{ id: string; name: string }>(
        tx,
        sql`SELECT id, name FROM sectors WHERE entity_id = ${entityId} AND id = ${fields.sectorId}`,
      );
    }
  }
  return refs;
}
