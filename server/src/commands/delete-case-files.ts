import { sql } from 'drizzle-orm';
import { formatCaseFileNumber, parseCaseFileNumber } from '@caliu/common';
import { rowsOf, uuidArray } from '../db/connect';
import { type AuditEntry, writeAudits } from '../platform/audit';
import { deleteOfCaseFiles } from '../modules/attachments/removal-repository';
import { auditDeletions } from '../modules/attachments/trace';
import { attachedCountsSql, attachedInWords, countsOf } from '../modules/support/checks';
import { type Blocker, line, type Operation } from '../modules/support/operations/plan';

/**
 * Deleting case files from a "delete case files" ticket (issue 20, decision 0010): refused while
 * anything a professional recorded hangs from one (support/checks.ts counts it, as the ticket's
 * own check did — the automatic opening and closing interventions do not count), with the counts
 * by kind and never more. Otherwise, in the run's transaction: uploads still in progress on them
 * deleted (audited), appointments that named one unlinked (they stay in the professionals' and
 * persons' agendas), then the case files, whose memberships, assigned professionals and automatic
 * interventions go with them (ON DELETE CASCADE) — one audit row per case file, with its number
 * and what went, tagged with its members.
 */

type Found = {
  id: string;
  year: number;
  seq: number;
  members: string[];
  appointments: number;
  scope: string;
  merged_into_id: string | null;
} & Record<string, unknown>;

export const deleteCaseFiles: Operation<'delete_case_files'> = {
  kind: 'delete_case_files',
  async plan({ tx, entityId, t, lock }, fields) {
    const blockers: Blocker[] = [];
    const wanted = fields.numbers.map((typed) => ({ typed, parsed: parseCaseFileNumber(typed) }));
    for (const { typed, parsed } of wanted) {
      if (!parsed || parsed.year === null) {
        const params = { number: typed };
        blockers.push({
          code: 'case_file_number',
          params,
          message: t('errors.support.case_file_number'),
        });
      }
    }
    const pairs = wanted.flatMap(({ parsed }) =>
      parsed && parsed.year !== null ? [`${parsed.year}/${parsed.seq}`] : [],
    );
    const numbered = sql`cf.entity_id = ${entityId}
      AND (cf.year::text || '/' || cf.seq::text) = ANY(${`{${pairs.join(',')}}`}::text[])`;
    if (lock) {
      // Locked first, in id order, by a statement of its own: a professional recording content
      // meanwhile holds the case file's key (their foreign key check) until they commit, and
      // the counts below, read by the next statement, then see what they recorded. (Counted in
      // the locking statement, they would come from its snapshot, taken before the wait: the
      // deletion would cascade the new row away.)
      await tx.execute(sql`SELECT cf.id FROM case_files cf WHERE ${numbered}
        ORDER BY cf.id FOR UPDATE`);
      // Their attachments too: an upload finishing meanwhile locks only its own row, never the
      // case file; locked here, it is either ready before the count (and blocks) or waits and
      // finds its case file gone.
      await tx.execute(sql`SELECT a.id FROM attachments a
        JOIN case_files cf ON cf.entity_id = a.entity_id AND cf.id = a.case_file_id
        WHERE ${numbered} ORDER BY a.id FOR UPDATE OF a`);
    }
    const found = await rowsOf<Found>(
      tx,
      sql`SELECT cf.id, cf.year, cf.seq, ${attachedCountsSql},
          ARRAY(SELECT m.person_id FROM case_file_members m
            WHERE m.entity_id = cf.entity_id AND m.case_file_id = cf.id) AS members,
          (SELECT count(*) FROM appointments ap WHERE ap.entity_id = cf.entity_id
            AND ap.case_file_id = cf.id)::int AS appointments,
          cf.scope, cf.merged_into_id
        FROM case_files cf
        WHERE ${numbered}
        ORDER BY cf.year, cf.seq`,
    );
    const byNumber = new Map(found.map((row) => [`${row.year}/${row.seq}`, row]));
    for (const { typed, parsed } of wanted) {
      if (!parsed || parsed.year === null) continue;
      const row = byNumber.get(`${parsed.year}/${parsed.seq}`);
      const number = formatCaseFileNumber(parsed.year, parsed.seq);
      if (!row) {
        const params = { number: typed };
        blockers.push({
          code: 'case_file_missing',
          params,
          message: t('support.operations.case_file_missing', params),
        });
        continue;
      }
      // A tombstone of a merge: its number leads to the case file it was merged into.
      if (row.merged_into_id) {
        const params = { number };
        blockers.push({
          code: 'case_file_merged',
          params,
          message: t('support.operations.merged_not_deleted', params),
        });
        continue;
      }
      // A SIAD case file's appointments are hidden through it: unlinked, they would show on the
      // team's agenda. Whoever keeps them (the SIAD technician) cancels or moves them first.
      if (row.scope === 'siad' && row.appointments > 0) {
        const params = { number, count: row.appointments };
        blockers.push({
          code: 'siad_appointments',
          params,
          message: t('support.operations.siad_appointments', params),
        });
      }
      const counts = countsOf(row);
      if (Object.values(counts).some((n) => n > 0)) {
        const params = { number, counts };
        blockers.push({
          code: 'case_file_attached',
          params,
          message: t('errors.support.case_file_attached', {
            number,
            list: attachedInWords({ t }, counts),
          }),
        });
      }
    }
    const numbers = found.map((row) => formatCaseFileNumber(row.year, row.seq));
    const members = found.reduce((n, row) => n + row.members.length, 0);
    const appointments = found.reduce((n, row) => n + row.appointments, 0);
    const lines = [
      line('case_files_deleted', found.length, numbers),
      line('memberships_removed', members),
      ...(appointments > 0 ? [line('appointments_unlinked', appointments)] : []),
    ];
    return {
      blockers,
      lines,
      ids: found.map((row) => row.id),
      async apply(actor, ticketId) {
        const ids = found.map((row) => row.id);
        // Uploads in progress only: a ready document blocked the plan, and one that became ready
        // since would fail the case file's deletion (its key does not cascade), never vanish.
        const uploads = await deleteOfCaseFiles(tx, entityId, ids, { uploadingOnly: true });
        await auditDeletions(tx, actor, uploads, 'case_file_deleted', ticketId);
        await tx.execute(
          sql`UPDATE appointments SET case_file_id = NULL
            WHERE entity_id = ${entityId} AND case_file_id = ANY(${uuidArray(ids)})`,
        );
        const entries = found.map((row): AuditEntry => ({
          action: 'case_file.delete',
          recordType: 'case_file',
          recordId: row.id,
          ticketId,
          subjects: row.members,
          details: {
            number: formatCaseFileNumber(row.year, row.seq),
            members: row.members.length,
            appointmentsUnlinked: row.appointments,
          },
        }));
        await writeAudits(tx, actor, entries);
        // "You were assigned this case file": moot once it is gone (no key: see record-references).
        await tx.execute(sql`DELETE FROM assignment_notices WHERE entity_id = ${entityId}
          AND record_type = 'case_file' AND record_id = ANY(${uuidArray(ids)})`);
        await tx.execute(
          sql`DELETE FROM case_files WHERE entity_id = ${entityId} AND id = ANY(${uuidArray(ids)})`,
        );
        return lines;
      },
    };
  },
};
