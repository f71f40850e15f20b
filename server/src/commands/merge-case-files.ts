import { sql } from 'drizzle-orm';
import { type CaseScope, formatCaseFileNumber, parseCaseFileNumber } from '@caliu/common';
import { rowsOf, type Tx } from '../db/connect';
import { type AuditEntry, writeAudits } from '../platform/audit';
import { todayIn } from '../modules/persons/rules';
import { type Blocker, line, type Operation } from '../modules/support/operations/plan';
import { CASE_FILE_REFERENCES } from './record-references';

/**
 * Merging two case files from a "merge case files" ticket (issue 20, decision 0010): only within
 * one scope and one municipality (a SIAD case file never merges into another scope), neither a
 * tombstone of an earlier merge, and never an open case file into a closed one. The other's members
 * move to the survivor (combined when both hold one person: the survivor's membership stays; the
 * other's holder becomes a household member when the survivor has a holder — one holder per case
 * file), its assigned professionals and its referent join the survivor's assigned (they keep
 * seeing the work they did), and everything recorded in it — content, documents, appointments —
 * moves with its dates and authors. The other is closed as merged into the survivor
 * (`merged_into_id`, no closing reason), so its number still resolves. The preview shows numbers
 * and counts, never content.
 */

type Found = {
  id: string;
  year: number;
  seq: number;
  scope: CaseScope;
  municipality_id: string;
  state: 'open' | 'closed';
  closed_on: string | null;
  /** The closing reason's code, when closed by hand (a merge clears it: the audit keeps it). */
  closing_reason: string | null;
  merged_into_id: string | null;
  referent_id: string | null;
  members: string[];
};

type Moving = {
  members_moved: number;
  members_combined: number;
  assignments_added: number;
  records: number;
  appointments: number;
  ids: string[];
};

/** The tables whose rows move with the case file (record-references.ts: `merge: 'moves'`). */
const MOVING_TABLES = CASE_FILE_REFERENCES.filter((r) => r.merge === 'moves');
const APPOINTMENTS = 'appointments';

/** What moves from `other` to `survivor`: counts, and the ids of the memberships concerned. */
async function movingOf(tx: Tx, entityId: string, other: Found, survivor: Found): Promise<Moving> {
  const records = MOVING_TABLES.filter((r) => r.table !== APPOINTMENTS).map(
    (r) => sql`(SELECT count(*) FROM ${sql.identifier(r.table)} x
      WHERE x.entity_id = ${entityId} AND x.${sql.identifier(r.column)} = ${other.id})`,
  );
  const [row] = await rowsOf<Omit<Moving, 'ids'>>(
    tx,
    sql`SELECT
      (SELECT count(*) FROM case_file_members m WHERE m.entity_id = ${entityId}
        AND m.case_file_id = ${other.id} AND NOT EXISTS (SELECT 1 FROM case_file_members s
          WHERE s.entity_id = m.entity_id AND s.case_file_id = ${survivor.id}
            AND s.person_id = m.person_id))::int AS members_moved,
      (SELECT count(*) FROM case_file_members m WHERE m.entity_id = ${entityId}
        AND m.case_file_id = ${other.id} AND EXISTS (SELECT 1 FROM case_file_members s
          WHERE s.entity_id = m.entity_id AND s.case_file_id = ${survivor.id}
            AND s.person_id = m.person_id))::int AS members_combined,
      (SELECT count(*) FROM (${joiningAssigned(entityId, other, survivor)}) j)::int
        AS assignments_added,
      (${sql.join(records, sql` + `)})::int AS records,
      (SELECT count(*) FROM appointments a WHERE a.entity_id = ${entityId}
        AND a.case_file_id = ${other.id})::int AS appointments`,
  );
  return { ...row!, ids: [...other.members, ...survivor.members] };
}

/**
 * The professionals who join the survivor's assigned: the other's assigned and its referent,
 * unless they are the survivor's referent or assigned already.
 */
const joiningAssigned = (entityId: string, other: Found, survivor: Found) => sql`
  SELECT DISTINCT x.professional_id FROM (
    SELECT professional_id FROM case_file_professionals
      WHERE entity_id = ${entityId} AND case_file_id = ${other.id}
    UNION SELECT ${other.referent_id}::uuid WHERE ${other.referent_id}::uuid IS NOT NULL
  ) x
  WHERE x.professional_id IS DISTINCT FROM ${survivor.referent_id}::uuid
    AND NOT EXISTS (SELECT 1 FROM case_file_professionals s WHERE s.entity_id = ${entityId}
      AND s.case_file_id = ${survivor.id} AND s.professional_id = x.professional_id)`;

export const mergeCaseFiles: Operation<'merge_case_files'> = {
  kind: 'merge_case_files',
  async plan({ tx, entityId, t, lock, inEntity, now }, fields) {
    const blockers: Blocker[] = [];
    const parsed = fields.numbers.map((typed) => ({ typed, number: parseCaseFileNumber(typed) }));
    const pairs: string[] = [];
    for (const { typed, number } of parsed) {
      if (!number || number.year === null) {
        blockers.push({
          code: 'case_file_number',
          params: { number: typed },
          message: t('errors.support.case_file_number'),
        });
      } else pairs.push(`${number.year}/${number.seq}`);
    }
    const numbered = sql`cf.entity_id = ${entityId}
      AND (cf.year::text || '/' || cf.seq::text) = ANY(${`{${pairs.join(',')}}`}::text[])`;
    // Both locked, in id order (a professional's change locks one the same way): content being
    // recorded meanwhile waits, then finds the other closed; what was recorded before is counted
    // by the next statements.
    if (lock) {
      await tx.execute(sql`SELECT cf.id FROM case_files cf WHERE ${numbered}
        ORDER BY cf.id FOR UPDATE`);
    }
    const found = await rowsOf<Found>(
      tx,
      sql`SELECT cf.id, cf.year, cf.seq, cf.scope, cf.municipality_id, cf.state,
          cf.closed_on::text AS closed_on, cf.merged_into_id, cf.referent_id,
          (SELECT ci.code FROM catalogue_items ci WHERE ci.entity_id = cf.entity_id
            AND ci.id = cf.closing_reason_id) AS closing_reason,
          ARRAY(SELECT m.person_id FROM case_file_members m
            WHERE m.entity_id = cf.entity_id AND m.case_file_id = cf.id
            ORDER BY m.person_id) AS members
        FROM case_files cf WHERE ${numbered}`,
    );
    const byNumber = new Map(found.map((row) => [formatCaseFileNumber(row.year, row.seq), row]));
    const numberOf = (typed: string) => {
      const p = parseCaseFileNumber(typed);
      return p && p.year !== null ? formatCaseFileNumber(p.year, p.seq) : typed;
    };
    for (const { typed, number } of parsed) {
      if (!number || number.year === null) continue;
      const row = byNumber.get(numberOf(typed));
      if (!row) {
        blockers.push({
          code: 'case_file_missing',
          params: { number: typed },
          message: t('support.operations.case_file_missing', { number: typed }),
        });
      } else if (row.merged_into_id) {
        const params = { number: numberOf(typed) };
        blockers.push({
          code: 'case_file_merged',
          params,
          message: t('support.operations.case_file_merged', params),
        });
      }
    }
    const survivor = byNumber.get(numberOf(fields.survivorNumber));
    const otherNumber = fields.numbers
      .map(numberOf)
      .find((n) => n !== numberOf(fields.survivorNumber));
    const other = otherNumber ? byNumber.get(otherNumber) : undefined;
    if (survivor && other) {
      const params = {
        survivor: formatCaseFileNumber(survivor.year, survivor.seq),
        other: formatCaseFileNumber(other.year, other.seq),
      };
      if (survivor.scope !== other.scope) {
        blockers.push({
          code: 'merge_scopes_differ',
          params,
          message: t('support.operations.merge_scopes_differ', {
            ...params,
            survivorScope: t(`support.operations.scopes.${survivor.scope}`),
            otherScope: t(`support.operations.scopes.${other.scope}`),
          }),
        });
      }
      if (survivor.municipality_id !== other.municipality_id) {
        blockers.push({
          code: 'merge_municipalities_differ',
          params,
          message: t('support.operations.merge_municipalities_differ', params),
        });
      }
      if (survivor.state === 'closed' && other.state === 'open') {
        blockers.push({
          code: 'merge_into_closed',
          params,
          message: t('support.operations.merge_into_closed', params),
        });
      }
    }
    if (!survivor || !other) {
      return { blockers, lines: [], ids: found.map((row) => row.id), apply: async () => [] };
    }
    const moving = await movingOf(tx, entityId, other, survivor);
    const survivorNumber = formatCaseFileNumber(survivor.year, survivor.seq);
    const mergedNumber = formatCaseFileNumber(other.year, other.seq);
    // What moves, kind by kind; a kind with nothing to move is not said.
    const lines = [
      line('case_file_merged', 1, [`${mergedNumber} → ${survivorNumber}`]),
      ...[
        line('members_moved', moving.members_moved),
        line('members_combined', moving.members_combined),
        line('assignments_added', moving.assignments_added),
        line('records_moved', moving.records),
        line('appointments_relinked', moving.appointments),
      ].filter((l) => l.count > 0),
    ];
    return {
      blockers,
      lines,
      ids: [survivor.id, other.id, ...moving.ids],
      async apply(actor, ticketId) {
        // Memberships first: the survivor's stays when both hold the person; the other's holder
        // joins as a household member when the survivor has its own holder.
        await tx.execute(sql`DELETE FROM case_file_members m WHERE m.entity_id = ${entityId}
          AND m.case_file_id = ${other.id} AND EXISTS (SELECT 1 FROM case_file_members s
            WHERE s.entity_id = m.entity_id AND s.case_file_id = ${survivor.id}
              AND s.person_id = m.person_id)`);
        await tx.execute(sql`UPDATE case_file_members m SET case_file_id = ${survivor.id},
            role = CASE WHEN m.role = 'holder' AND EXISTS (SELECT 1 FROM case_file_members s
                WHERE s.entity_id = m.entity_id AND s.case_file_id = ${survivor.id}
                  AND s.role = 'holder')
              THEN 'household' ELSE m.role END
          WHERE m.entity_id = ${entityId} AND m.case_file_id = ${other.id}`);
        await tx.execute(sql`INSERT INTO case_file_professionals (entity_id, case_file_id,
            professional_id)
          SELECT ${entityId}, ${survivor.id}, j.professional_id
          FROM (${joiningAssigned(entityId, other, survivor)}) j`);
        await tx.execute(sql`DELETE FROM case_file_professionals
          WHERE entity_id = ${entityId} AND case_file_id = ${other.id}`);
        for (const ref of MOVING_TABLES) {
          await tx.execute(sql`UPDATE ${sql.identifier(ref.table)}
            SET ${sql.identifier(ref.column)} = ${survivor.id}
            WHERE entity_id = ${entityId} AND ${sql.identifier(ref.column)} = ${other.id}`);
        }
        const today = todayIn(inEntity.auth.entity.timeZone, now);
        await tx.execute(sql`UPDATE case_files SET state = 'closed',
            closed_on = coalesce(closed_on, greatest(opened_on, ${today}::date)),
            closing_reason_id = NULL, merged_into_id = ${survivor.id},
            version = version + 1, updated_at = now()
          WHERE entity_id = ${entityId} AND id = ${other.id}`);
        await tx.execute(sql`UPDATE case_files SET version = version + 1, updated_at = now()
          WHERE entity_id = ${entityId} AND id = ${survivor.id}`);
        const subjects = [...new Set([...other.members, ...survivor.members])];
        const details = {
          merged: mergedNumber,
          into: survivorNumber,
          membersMoved: moving.members_moved,
          membersCombined: moving.members_combined,
          recordsMoved: moving.records,
          appointmentsRelinked: moving.appointments,
          ...(other.closing_reason ? { formerClosingReason: other.closing_reason } : {}),
        };
        const entries: AuditEntry[] = [survivor, other].map((row) => ({
          action: 'case_file.merge',
          recordType: 'case_file',
          recordId: row.id,
          ticketId,
          subjects,
          details,
        }));
        await writeAudits(tx, actor, entries);
        return lines;
      },
    };
  },
};
