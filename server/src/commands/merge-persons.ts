import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { OperationConflict } from '@caliu/common';
import { rowsOf, type Tx, uuidArray } from '../db/connect';
import { writeAudit } from '../platform/audit';
import { insertHistory, type HistoryEntry } from '../modules/persons/repository';
import { maskDocument } from '../modules/support/references';
import { type Blocker, line, type Operation } from '../modules/support/operations/plan';

/**
 * Merging two person records from a "merge person records" ticket (issue 20, decision 0010 §4):
 * the survivor is the ticket's; every reference to the other moves to it (commands/person-
 * references.ts lists each foreign key and its fate: memberships combined, content, attachments,
 * appointments, dismissed duplicate pairs, earlier tombstones); the survivor's empty fields are
 * filled from the other, and where both hold a different value the preview shows both for the
 * agent to choose (`takeFromOther`); the other remains as a tombstone (`merged_into_id`) that no
 * list, search, caseload or alert finds, whose page goes on to the survivor. Audit rows are never
 * rewritten: one `person.merge` row on the survivor, tagged with both records.
 */

/** A merged record's row as the merge reads it: identification, contact, place, attendance. */
type Person = {
  id: string;
  name: string;
  status: 'active' | 'deceased';
  merged_into_id: string | null;
  into_name: string | null;
  given_name: string;
  first_surname: string;
  second_surname: string | null;
  sex: string | null;
  birth_date: string | null;
  nationality: string | null;
  document_type: string | null;
  document_number: string | null;
  mobile_phone: string | null;
  other_phone: string | null;
  email: string | null;
  preferred_language: string | null;
  consent_sms: boolean;
  consent_email: boolean;
  address: string | null;
  postal_code: string | null;
  municipality_id: string;
  municipality_name: string;
  sector_id: string | null;
  sector_name: string | null;
  housing_type: string | null;
  housing_tenure: string | null;
  referent_id: string | null;
  team_id: string | null;
  siad_reminders_allowed: boolean;
};

/**
 * The fields the agent may choose between (identification, contact and housing: the basic data,
 * never content), each with the columns it sets together — a document is its type and number, a
 * place its municipality and sector (a sector lies within its municipality) — its value, and how
 * the agent sees it when it differs from its value (a document masked, as everywhere on the desk).
 */
type Field = {
  field: string;
  columns: (keyof Person)[];
  shown: (p: Person) => string | null;
  masked?: (p: Person) => string | null;
};
const plain = (field: string, column: keyof Person): Field => ({
  field,
  columns: [column],
  shown: (p) => p[column] as string | null,
});
const FIELDS: Field[] = [
  plain('givenName', 'given_name'),
  plain('firstSurname', 'first_surname'),
  plain('secondSurname', 'second_surname'),
  plain('sex', 'sex'),
  plain('birthDate', 'birth_date'),
  plain('nationality', 'nationality'),
  {
    field: 'document',
    columns: ['document_type', 'document_number'],
    shown: (p) =>
      p.document_number ? `${p.document_type!.toUpperCase()} ${p.document_number}` : null,
    masked: (p) =>
      p.document_number
        ? `${p.document_type!.toUpperCase()} ${maskDocument(p.document_number)}`
        : null,
  },
  plain('mobilePhone', 'mobile_phone'),
  plain('otherPhone', 'other_phone'),
  plain('email', 'email'),
  plain('preferredLanguage', 'preferred_language'),
  plain('address', 'address'),
  plain('postalCode', 'postal_code'),
  {
    field: 'municipality',
    columns: ['municipality_id', 'sector_id'],
    shown: (p) => [p.municipality_name, p.sector_name].filter(Boolean).join(' · '),
  },
  plain('housingType', 'housing_type'),
  plain('housingTenure', 'housing_tenure'),
];

/** Every row a merge moves, by kind: what the lines count and the fingerprint names. */
type Moved = { kind: string; id: string; combined: boolean };

async function movedRows(tx: Tx, entityId: string, other: string, survivor: string) {
  const of = (table: string, kind: string) =>
    sql`SELECT ${kind} AS kind, x.id, FALSE AS combined FROM ${sql.identifier(table)} x
      WHERE x.entity_id = ${entityId} AND x.person_id = ${other}`;
  return rowsOf<Moved>(
    tx,
    sql`SELECT 'membership' AS kind, m.case_file_id AS id,
          EXISTS (SELECT 1 FROM case_file_members s WHERE s.entity_id = m.entity_id
            AND s.case_file_id = m.case_file_id AND s.person_id = ${survivor}) AS combined
        FROM case_file_members m WHERE m.entity_id = ${entityId} AND m.person_id = ${other}
      UNION ALL SELECT 'intervention', ip.intervention_id, FALSE FROM intervention_persons ip
        WHERE ip.entity_id = ${entityId} AND ip.person_id = ${other}
      UNION ALL ${of('demands', 'demand')}
      UNION ALL ${of('problems', 'problem')}
      UNION ALL ${of('resources', 'resource')}
      UNION ALL ${of('procedures', 'procedure')}
      UNION ALL ${of('attachments', 'attachment')}
      UNION ALL SELECT 'appointment', ap.appointment_id, FALSE FROM appointment_persons ap
        WHERE ap.entity_id = ${entityId} AND ap.person_id = ${other}
      UNION ALL SELECT 'tombstone', t.id, FALSE FROM persons t
        WHERE t.entity_id = ${entityId} AND t.merged_into_id = ${other}
      ORDER BY 1, 2`,
  );
}

const CONTENT = new Set(['intervention', 'demand', 'problem', 'resource', 'procedure']);

export const mergePersons: Operation<'merge_persons'> = {
  kind: 'merge_persons',
  async plan({ tx, entityId, t, lock, now }, fields) {
    const survivorId = fields.survivorId;
    const otherId = fields.personIds.find((id) => id !== survivorId) ?? survivorId;
    const blockers: Blocker[] = [];
    const block = (code: string, params: Record<string, unknown> = {}) =>
      blockers.push({ code, params, message: t(`support.operations.${code}`, params) });
    const pair = [survivorId, otherId];
    if (lock) {
      // The case files of either first, then the two records (ids ascending): a professional
      // recording content locks its case file, then key-shares the person (its foreign key) —
      // the same order, so the two queue instead of deadlocking; content recorded before the
      // merge is moved by it, content recorded after finds the record no longer a member.
      await tx.execute(sql`SELECT cf.id FROM case_files cf
        WHERE cf.entity_id = ${entityId} AND cf.id IN (SELECT m.case_file_id
          FROM case_file_members m WHERE m.entity_id = ${entityId}
            AND m.person_id = ANY(${uuidArray(pair)}))
        ORDER BY cf.id FOR NO KEY UPDATE`);
      await tx.execute(sql`SELECT p.id FROM persons p
        WHERE p.entity_id = ${entityId} AND p.id = ANY(${uuidArray(pair)})
        ORDER BY p.id FOR UPDATE`);
    }
    const people = await rowsOf<Person>(
      tx,
      sql`SELECT p.id, concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name,
          p.status, p.merged_into_id,
          (SELECT concat_ws(' ', i.given_name, i.first_surname, i.second_surname) FROM persons i
            WHERE i.entity_id = p.entity_id AND i.id = p.merged_into_id) AS into_name,
          p.given_name, p.first_surname, p.second_surname, p.sex, p.birth_date::text AS birth_date,
          p.nationality, p.document_type, p.document_number, p.mobile_phone, p.other_phone,
          p.email, p.preferred_language, p.consent_sms, p.consent_email, p.address,
          p.postal_code, p.municipality_id, m.name AS municipality_name, p.sector_id,
          s.name AS sector_name, p.housing_type, p.housing_tenure, p.referent_id, p.team_id,
          p.siad_reminders_allowed
        FROM persons p
        JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
        LEFT JOIN sectors s ON s.entity_id = p.entity_id AND s.id = p.sector_id
        WHERE p.entity_id = ${entityId} AND p.id = ANY(${uuidArray(pair)})`,
    );
    const survivor = people.find((p) => p.id === survivorId);
    const other = people.find((p) => p.id === otherId);
    if (otherId === survivorId || !fields.personIds.includes(survivorId))
      block('merge_same_record');
    if (!survivor || !other) block('merge_person_missing');
    for (const p of people) {
      if (p.merged_into_id) block('merge_person_merged', { name: p.name, into: p.into_name });
    }
    // One human is alive or not: a record saying they died and one saying they live are settled
    // by a professional first (recording the death, or reactivating a record marked by mistake),
    // not by the agent's merge.
    if (survivor && other && survivor.status !== other.status) {
      const [dead, alive] = survivor.status === 'deceased' ? [survivor, other] : [other, survivor];
      block('merge_status_differs', { deceased: dead.name, living: alive.name });
    }
    if (blockers.length > 0 || !survivor || !other || otherId === survivorId) {
      return { blockers, lines: [], ids: pair, apply: () => Promise.resolve([]) };
    }

    const conflicts: OperationConflict[] = [];
    const filled: string[] = [];
    // A conflict shown masked is fingerprinted by the digest of its values: a document changed
    // between the preview and the run to one ending alike still refuses the run.
    const hidden: string[] = [];
    for (const f of FIELDS) {
      const mine = f.shown(survivor);
      const theirs = f.shown(other);
      if (!theirs || mine === theirs) continue;
      if (!mine) filled.push(f.field);
      else if (!f.masked) conflicts.push({ field: f.field, survivor: mine, other: theirs });
      else {
        conflicts.push({ field: f.field, survivor: f.masked(survivor)!, other: f.masked(other)! });
        const digest = createHash('sha256')
          .update(JSON.stringify([mine, theirs]))
          .digest('hex');
        hidden.push(`conflict:${f.field}:${digest}`);
      }
    }
    const moved = await movedRows(tx, entityId, otherId, survivorId);
    const countOf = (test: (m: Moved) => boolean) => moved.filter(test).length;
    // What moves, kind by kind; a kind with nothing to move is not said.
    const counted = [
      line(
        'merge_memberships_moved',
        countOf((m) => m.kind === 'membership' && !m.combined),
      ),
      line(
        'merge_memberships_combined',
        countOf((m) => m.combined),
      ),
      line(
        'merge_content_moved',
        countOf((m) => CONTENT.has(m.kind)),
      ),
      line(
        'merge_attachments_moved',
        countOf((m) => m.kind === 'attachment'),
      ),
      line(
        'merge_appointments_moved',
        countOf((m) => m.kind === 'appointment'),
      ),
      line('merge_fields_filled', filled.length),
    ].filter((l) => l.count > 0);
    const lines = [line('person_merged', 1, [`${other.name} → ${survivor.name}`]), ...counted];

    return {
      blockers,
      lines,
      conflicts,
      ids: [...pair, ...moved.map((m) => `${m.kind}:${m.id}`), ...hidden],
      async apply(actor, ticketId, input) {
        const chosen = conflicts.map((c) => c.field).filter((f) => input.takeFromOther.includes(f));
        const taken = new Set([...filled, ...chosen]);
        const set: Partial<Record<keyof Person, unknown>> = {};
        for (const f of FIELDS) {
          if (taken.has(f.field)) for (const c of f.columns) set[c] = other[c];
        }
        // A consent goes with the contact it was given for.
        if (taken.has('mobilePhone')) set.consent_sms = other.consent_sms;
        if (taken.has('email')) set.consent_email = other.consent_email;
        // Who attends the human: the survivor's, or the other's where the survivor has none.
        if (!survivor.referent_id && other.referent_id) set.referent_id = other.referent_id;
        if (!survivor.team_id && other.team_id) set.team_id = other.team_id;
        // Reminders to a SIAD person: only if both records' technicians allowed them.
        if (survivor.siad_reminders_allowed && !other.siad_reminders_allowed) {
          set.siad_reminders_allowed = false;
        }
        const persons = sql`persons`;
        // The document's unique key: the tombstone lets go of its document — before the survivor
        // takes it, or for good (nobody finds a tombstone, so nobody could record it again); the
        // audit row keeps, masked, which one it was.
        if (other.document_number) {
          await tx.execute(sql`UPDATE ${persons} SET document_type = NULL, document_number = NULL
            WHERE entity_id = ${entityId} AND id = ${otherId}`);
        }
        const columns = Object.entries(set);
        if (columns.length > 0) {
          await tx.execute(sql`UPDATE ${persons} SET ${sql.join(
            columns.map(([c, v]) => sql`${sql.identifier(c)} = ${v}`),
            sql`, `,
          )}, version = version + 1, updated_at = now()
            WHERE entity_id = ${entityId} AND id = ${survivorId}`);
        }
        await moveReferences(tx, entityId, otherId, survivorId);
        // The tombstone: pointing at the survivor, attended by no one (no caseload, team list or
        // alert counts it), its name out of the search index.
        await tx.execute(sql`UPDATE ${persons} SET merged_into_id = ${survivorId},
            merged_at = ${now.toISOString()}::timestamptz, referent_id = NULL, team_id = NULL,
            version = version + 1, updated_at = now()
          WHERE entity_id = ${entityId} AND id = ${otherId}`);
        await tx.execute(sql`DELETE FROM person_name_terms
          WHERE entity_id = ${entityId} AND person_id = ${otherId}`);
        await keepHistory(tx, entityId, survivor, other, set);
        await writeAudit(tx, actor, {
          action: 'person.merge',
          recordType: 'person',
          recordId: survivorId,
          ticketId,
          subjects: pair,
          details: {
            merged: otherId,
            filled,
            chosen,
            ...(other.document_number
              ? {
                  documentReleased: {
                    type: other.document_type,
                    number: maskDocument(other.document_number),
                    taken: taken.has('document'),
                  },
                }
              : {}),
            moved: Object.fromEntries(
              [...new Set(moved.map((m) => m.kind))].map((k) => [k, countOf((m) => m.kind === k)]),
            ),
          },
        });
        // What is stored and emailed to the requester names nobody: the preview's names stay there.
        return [
          line('person_merged', 1),
          ...counted.filter((l) => l.key !== 'merge_fields_filled'),
          ...(taken.size > 0 ? [line('merge_fields_taken', taken.size)] : []),
        ];
      },
    };
  },
};

/**
 * Every reference to the other record moves to the survivor, set-based (one statement or two per
 * table, whatever the count). Where the survivor already holds the same place the other's row is
 * folded into it: a case file both were members of keeps one membership, the survivor's, with the
 * earlier date and — a case file has at most one holder, and it is one of the two — the holder's
 * role when either held it (the human is the holder; otherwise the survivor's role stays).
 */
async function moveReferences(tx: Tx, entityId: string, other: string, survivor: string) {
  const folded = await rowsOf<{ case_file_id: string; role: string; added_on: string }>(
    tx,
    sql`DELETE FROM case_file_members o
      WHERE o.entity_id = ${entityId} AND o.person_id = ${other}
        AND EXISTS (SELECT 1 FROM case_file_members s WHERE s.entity_id = o.entity_id
          AND s.case_file_id = o.case_file_id AND s.person_id = ${survivor})
      RETURNING o.case_file_id, o.role, o.added_on::text AS added_on`,
  );
  if (folded.length > 0) {
    await tx.execute(sql`UPDATE case_file_members s
      SET role = CASE WHEN f.role = 'holder' THEN 'holder' ELSE s.role END,
        added_on = least(s.added_on, f.added_on)
      FROM unnest(${uuidArray(folded.map((f) => f.case_file_id))},
          ${`{${folded.map((f) => f.role).join(',')}}`}::text[],
          ${`{${folded.map((f) => f.added_on).join(',')}}`}::date[])
        AS f (case_file_id, role, added_on)
      WHERE s.entity_id = ${entityId} AND s.person_id = ${survivor}
        AND s.case_file_id = f.case_file_id`);
  }
  await tx.execute(sql`UPDATE case_file_members SET person_id = ${survivor}
    WHERE entity_id = ${entityId} AND person_id = ${other}`);
  for (const [table, key] of [
    ['intervention_persons', 'intervention_id'],
    ['appointment_persons', 'appointment_id'],
  ] as const) {
    const t = sql.identifier(table);
    const k = sql.identifier(key);
    await tx.execute(sql`DELETE FROM ${t} o WHERE o.entity_id = ${entityId}
      AND o.person_id = ${other} AND EXISTS (SELECT 1 FROM ${t} s
        WHERE s.entity_id = o.entity_id AND s.${k} = o.${k} AND s.person_id = ${survivor})`);
    await tx.execute(sql`UPDATE ${t} SET person_id = ${survivor}
      WHERE entity_id = ${entityId} AND person_id = ${other}`);
  }
  for (const table of [
    'demands',
    'problems',
    'resources',
    'procedures',
    'attachments',
    'help_requests',
  ]) {
    await tx.execute(sql`UPDATE ${sql.identifier(table)} SET person_id = ${survivor}
      WHERE entity_id = ${entityId} AND person_id = ${other}`);
  }
  // Dismissed duplicate pairs are never updated (the table allows inserts and deletes only):
  // the other's pairs are written again for the survivor, then the other's go.
  await tx.execute(sql`INSERT INTO person_duplicate_dismissals
      (entity_id, person_low, person_high, dismissed_by, dismissed_at)
    SELECT d.entity_id, least(${survivor}::uuid, x.id), greatest(${survivor}::uuid, x.id),
      d.dismissed_by, d.dismissed_at
    FROM person_duplicate_dismissals d,
      LATERAL (SELECT CASE WHEN d.person_low = ${other} THEN d.person_high
        ELSE d.person_low END AS id) x
    WHERE d.entity_id = ${entityId} AND ${other} IN (d.person_low, d.person_high)
      AND x.id <> ${survivor}
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`DELETE FROM person_duplicate_dismissals
    WHERE entity_id = ${entityId} AND ${other} IN (person_low, person_high)`);
  // Earlier tombstones of the other point at the survivor: one step resolves every old link.
  await tx.execute(sql`UPDATE persons SET merged_into_id = ${survivor}
    WHERE entity_id = ${entityId} AND merged_into_id = ${other}`);
}

/**
 * The person history keeps changes of referent, municipality and team (persons/update-person.ts):
 * the survivor's that the merge made, and the tombstone's letting go of its referent and team.
 * By nobody of the entity (the agent is the provider's; the audit row names them).
 */
async function keepHistory(
  tx: Tx,
  entityId: string,
  survivor: Person,
  other: Person,
  set: Partial<Record<keyof Person, unknown>>,
) {
  const detail = 'merge';
  const changes: HistoryEntry[] = [];
  if ('referent_id' in set) {
    changes.push({ field: 'referent', oldId: null, newId: other.referent_id, detail });
  }
  if ('municipality_id' in set && other.municipality_id !== survivor.municipality_id) {
    changes.push({
      field: 'municipality',
      oldId: survivor.municipality_id,
      newId: other.municipality_id,
      detail,
    });
  }
  if ('team_id' in set) changes.push({ field: 'team', oldId: null, newId: other.team_id, detail });
  await insertHistory(tx, entityId, survivor.id, null, changes);
  await insertHistory(tx, entityId, other.id, null, [
    ...(other.referent_id
      ? [{ field: 'referent' as const, oldId: other.referent_id, newId: null, detail }]
      : []),
    ...(other.team_id
      ? [{ field: 'team' as const, oldId: other.team_id, newId: null, detail }]
      : []),
  ]);
}
