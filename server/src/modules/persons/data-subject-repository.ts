import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/connect';
import type { IdentificationRow } from './repository';

/** SQL of the administrator's data-subject tools: identification and the audit trail only. */

export async function identificationsByDocument(
  tx: Tx,
  entityId: string,
  documents: string[],
): Promise<IdentificationRow[]> {
  if (documents.length === 0) return [];
  return rowsOf<IdentificationRow>(
    tx,
    sql`SELECT id, given_name, first_surname, second_surname, birth_date::text AS birth_date,
        document_type, document_number, status
      FROM persons
      WHERE entity_id = ${entityId} AND document_number IN (${sql.join(
        documents.map((d) => sql`${d}`),
        sql`, `,
      )})
      ORDER BY document_number, id`,
  );
}

export type AccessRow = {
  at: Date | string;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  actor_id: string | null;
  actor_entity_id: string | null;
  actor_name: string | null;
  actor_username: string | null;
};

/**
 * Who read or changed a person's record, newest first: audit rows that name the person, and
 * those that concern them (reads and changes of their case files' content) — the person being
 * the record and every tombstone merged into it (issue 20): what was read or changed of the
 * other record before the merge was read or changed of the same human.
 */
export async function accessesTo(
  tx: Tx,
  entityId: string,
  personId: string,
  limit: number,
): Promise<AccessRow[]> {
  return rowsOf<AccessRow>(
    tx,
    sql`SELECT a.at, a.action, a.outcome, a.actor_id, a.actor_entity_id,
        pr.given_name || ' ' || pr.surnames AS actor_name, pr.username AS actor_username
      FROM audit_log a
      LEFT JOIN professionals pr ON pr.entity_id = a.entity_id AND pr.id = a.actor_id
      WHERE a.entity_id = ${entityId} AND a.id IN (
        WITH records AS (SELECT ${personId}::uuid AS id
          UNION SELECT t.id FROM persons t
          WHERE t.entity_id = ${entityId} AND t.merged_into_id = ${personId})
        SELECT x.id FROM audit_log x
        WHERE x.entity_id = ${entityId} AND x.record_type = 'person'
          AND x.record_id IN (SELECT id::text FROM records)
        UNION ALL
        SELECT s.audit_id FROM audit_subjects s
        WHERE s.entity_id = ${entityId} AND s.person_id IN (SELECT id FROM records))
      ORDER BY a.at DESC, a.id DESC
      LIMIT ${limit}`,
  );
}
