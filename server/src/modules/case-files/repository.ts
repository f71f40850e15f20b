import { and, eq, type SQL, sql } from 'drizzle-orm';
import type {
  CaseFileEvent,
  CaseFileState,
  CaseScope,
  Catalogue,
  InterventionPlace,
  Language,
  MemberRole,
} from '@caliu/common';
import { rowsOf, type Tx, uuidList } from '../../db/connect';
import {
  caseFileMembers,
  caseFileProfessionals,
  caseFiles,
  interventionPersons,
  interventionProfessionals,
  interventions,
} from '../../db/schema';
import { type AbilityRow, abilityColumns, type CaseFileViewer, visible } from './access';

/** SQL of case files. Every read applies the viewer's scope (access.ts) to the row `cf`. */

/**
 * The next number of the entity's case files of `year`, in the caller's transaction: the counter
 * row stays locked until it ends, so concurrent creations queue on it and a creation that rolls
 * back takes its number back with it (no gaps, no collisions).
 */
export async function nextNumber(tx: Tx, entityId: string, year: number): Promise<number> {
  const [row] = await rowsOf<{ value: string | number }>(
    tx,
    sql`INSERT INTO entity_counters (entity_id, name, value)
      VALUES (${entityId}, ${`case_file:${year}`}, 1)
      ON CONFLICT (entity_id, name) DO UPDATE SET value = entity_counters.value + 1
      RETURNING value`,
  );
  return Number(row!.value);
}

export type NewCaseFile = typeof caseFiles.$inferInsert;

export async function insertCaseFile(tx: Tx, values: NewCaseFile): Promise<string> {
  const [row] = await tx.insert(caseFiles).values(values).returning({ id: caseFiles.id });
  return row!.id;
}

export type SummaryRow = {
  id: string;
  year: number;
  seq: number;
  scope: CaseScope;
  state: CaseFileState;
  municipality_id: string;
  municipality_name: string;
  team_id: string | null;
  team_name: string | null;
  referent_id: string | null;
  referent_name: string | null;
  holder_id: string | null;
  holder_name: string | null;
  member_count: number;
  opened_on: string;
  closed_on: string | null;
};

const SUMMARY_COLUMNS = sql`cf.id, cf.year, cf.seq, cf.scope, cf.state,
  cf.municipality_id, m.name AS municipality_name, cf.team_id, t.name AS team_name,
  cf.referent_id, r.given_name || ' ' || r.surnames AS referent_name,
  h.person_id AS holder_id, h.name AS holder_name,
  (SELECT count(*)::int FROM case_file_members c
    WHERE c.entity_id = cf.entity_id AND c.case_file_id = cf.id) AS member_count,
  cf.opened_on::text AS opened_on, cf.closed_on::text AS closed_on`;

const SUMMARY_JOINS = sql`JOIN municipalities m ON m.entity_id = cf.entity_id AND m.id = cf.municipality_id
  LEFT JOIN teams t ON t.entity_id = cf.entity_id AND t.id = cf.team_id
  LEFT JOIN professionals r ON r.entity_id = cf.entity_id AND r.id = cf.referent_id
  LEFT JOIN LATERAL (SELECT c.person_id,
      concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name
    FROM case_file_members c JOIN persons p ON p.entity_id = c.entity_id AND p.id = c.person_id
    WHERE c.entity_id = cf.entity_id AND c.case_file_id = cf.id AND c.role = 'holder') h ON true`;

export type CaseFileRow = SummaryRow &
  AbilityRow & {
    closing_reason_id: string | null;
    /** Merged into another case file (a tombstone: closed, nothing can change it). */
    merged_into_id: string | null;
    version: number;
    created_at: Date | string;
    updated_at: Date | string;
  };

/** A case file the viewer sees, with what they may do with it; null when out of reach. */
export async function findCaseFile(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: CaseFileViewer,
): Promise<CaseFileRow | null> {
  const [row] = await rowsOf<CaseFileRow>(
    tx,
    sql`SELECT ${SUMMARY_COLUMNS}, cf.closing_reason_id, cf.merged_into_id, cf.version,
        cf.created_at, cf.updated_at, ${abilityColumns(viewer)}
      FROM case_files cf ${SUMMARY_JOINS}
      WHERE cf.entity_id = ${entityId} AND cf.id = ${id} AND ${visible(viewer)}`,
  );
  return row ?? null;
}

/** The id of the case file of that number, if the viewer sees it. */
export async function idOfNumber(
  tx: Tx,
  entityId: string,
  number: { year: number; seq: number },
  viewer: CaseFileViewer,
): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT cf.id FROM case_files cf
      WHERE cf.entity_id = ${entityId} AND cf.year = ${number.year} AND cf.seq = ${number.seq}
        AND ${visible(viewer)}`,
  );
  return row?.id ?? null;
}

/**
 * The stored row, locked for the rest of the transaction, if the viewer sees it; with its
 * abilities, so the command checks what the console was offered.
 */
export async function lockCaseFile(tx: Tx, entityId: string, id: string, viewer: CaseFileViewer) {
  const [row] = await rowsOf<
    AbilityRow & {
      id: string;
      year: number;
      seq: number;
      scope: CaseScope;
      state: CaseFileState;
      municipality_id: string;
      team_id: string | null;
      referent_id: string | null;
      opened_on: string;
      merged_into_id: string | null;
      version: number;
    }
  >(
    tx,
    sql`SELECT cf.id, cf.year, cf.seq, cf.scope, cf.state, cf.municipality_id, cf.team_id,
        cf.referent_id, cf.opened_on::text AS opened_on, cf.merged_into_id, cf.version,
        ${abilityColumns(viewer)}
      FROM case_files cf
      WHERE cf.entity_id = ${entityId} AND cf.id = ${id} AND ${visible(viewer)}
      FOR UPDATE OF cf`,
  );
  return row ?? null;
}

export async function updateCaseFile(
  tx: Tx,
  entityId: string,
  id: string,
  changes: Partial<Omit<NewCaseFile, 'id' | 'entityId'>>,
) {
  await tx
    .update(caseFiles)
    .set({ ...changes, version: sql`${caseFiles.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(caseFiles.entityId, entityId), eq(caseFiles.id, id)));
}

export type MemberRow = {
  person_id: string;
  name: string;
  role: MemberRole;
  birth_date: string | null;
  municipality_id: string;
  municipality_name: string;
  added_on: string;
};

const MEMBERS = (entityId: string, caseFileId: string) => sql`SELECT c.person_id,
    concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name,
    c.role, p.birth_date::text AS birth_date, p.municipality_id, m.name AS municipality_name,
    c.added_on::text AS added_on,
    row_number() OVER (ORDER BY CASE c.role WHEN 'holder' THEN 0 WHEN 'partner' THEN 1
      WHEN 'child' THEN 2 WHEN 'household' THEN 3 ELSE 4 END,
      p.birth_date NULLS LAST, concat_ws(' ', p.given_name, p.first_surname, p.second_surname),
      c.person_id) AS ord
  FROM case_file_members c
  JOIN persons p ON p.entity_id = c.entity_id AND p.id = c.person_id
  JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
  WHERE c.entity_id = ${entityId} AND c.case_file_id = ${caseFileId}`;

const ASSIGNED = (entityId: string, caseFileId: string) => sql`SELECT p.id,
    p.given_name || ' ' || p.surnames AS name,
    row_number() OVER (ORDER BY p.surnames, p.given_name, p.id) AS ord
  FROM case_file_professionals a
  JOIN professionals p ON p.entity_id = a.entity_id AND p.id = a.professional_id
  WHERE a.entity_id = ${entityId} AND a.case_file_id = ${caseFileId}`;

/**
 * What the header shows besides its row, in one round trip: the members (holder, partner,
 * children, household, others; then by birth date), the professionals assigned, and the closing
 * reason's catalogue entry (in any state: a reason retired since still names the closing).
 */
export async function headerParts(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  closingReasonId: string | null,
  /** A tombstone's survivor, named only if the viewer sees it (its number is a fact too). */
  merged: { id: string; viewer: CaseFileViewer } | null = null,
) {
  const [row] = await rowsOf<{
    members: MemberRow[];
    assigned: { id: string; name: string }[];
    closing_reason: { code: string; labels: Partial<Record<Language, string>> | null } | null;
    merged_into: { id: string; year: number; seq: number; visible: boolean } | null;
  }>(
    tx,
    sql`SELECT
      (SELECT coalesce(json_agg(json_build_object('person_id', x.person_id, 'name', x.name,
          'role', x.role, 'birth_date', x.birth_date, 'municipality_id', x.municipality_id,
          'municipality_name', x.municipality_name, 'added_on', x.added_on) ORDER BY x.ord), '[]')
        FROM (${MEMBERS(entityId, caseFileId)}) x)
        AS members,
      (SELECT coalesce(json_agg(json_build_object('id', y.id, 'name', y.name) ORDER BY y.ord), '[]')
        FROM (${ASSIGNED(entityId, caseFileId)}) y)
        AS assigned,
      (SELECT json_build_object('code', ci.code, 'labels', ci.labels) FROM catalogue_items ci
        WHERE ci.entity_id = ${entityId} AND ci.id = ${closingReasonId}) AS closing_reason,
      ${
        merged
          ? sql`(SELECT json_build_object('id', cf.id, 'year', cf.year, 'seq', cf.seq,
                'visible', ${visible(merged.viewer)}) FROM case_files cf
              WHERE cf.entity_id = ${entityId} AND cf.id = ${merged.id})`
          : sql`NULL`
      } AS merged_into`,
  );
  return row!;
}

export async function memberIds(tx: Tx, entityId: string, caseFileId: string): Promise<string[]> {
  const rows = await rowsOf<{ person_id: string }>(
    tx,
    sql`SELECT person_id FROM case_file_members
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId}`,
  );
  return rows.map((r) => r.person_id);
}

export async function insertMember(
  tx: Tx,
  values: typeof caseFileMembers.$inferInsert,
): Promise<boolean> {
  const rows = await tx
    .insert(caseFileMembers)
    .values(values)
    // Already a member: nothing (the holder's unique index still refuses a second holder).
    .onConflictDoNothing({
      target: [caseFileMembers.entityId, caseFileMembers.caseFileId, caseFileMembers.personId],
    })
    .returning({ id: caseFileMembers.personId });
  return rows.length > 0;
}

/** The case file's holder, if it has one. */
export async function holderOf(
  tx: Tx,
  entityId: string,
  caseFileId: string,
): Promise<string | null> {
  const [row] = await rowsOf<{ person_id: string }>(
    tx,
    sql`SELECT person_id FROM case_file_members
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId} AND role = 'holder'`,
  );
  return row?.person_id ?? null;
}

/** The person's role in the case file; null when not a member. */
export async function memberRole(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  personId: string,
): Promise<MemberRole | null> {
  const [row] = await rowsOf<{ role: MemberRole }>(
    tx,
    sql`SELECT role FROM case_file_members
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId} AND person_id = ${personId}`,
  );
  return row?.role ?? null;
}

export async function setMemberRole(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  personId: string,
  role: MemberRole,
): Promise<boolean> {
  const rows = await rowsOf<{ person_id: string }>(
    tx,
    sql`UPDATE case_file_members SET role = ${role}
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId} AND person_id = ${personId}
      RETURNING person_id`,
  );
  return rows.length > 0;
}

export async function deleteMember(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  personId: string,
): Promise<MemberRole | null> {
  const [row] = await rowsOf<{ role: MemberRole }>(
    tx,
    sql`DELETE FROM case_file_members
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId} AND person_id = ${personId}
      RETURNING role`,
  );
  return row?.role ?? null;
}

/** The professionals assigned to the case file besides its referent. */
export async function assignedIds(tx: Tx, entityId: string, caseFileId: string) {
  const rows = await rowsOf<{ professional_id: string }>(
    tx,
    sql`SELECT professional_id FROM case_file_professionals
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId}`,
  );
  return rows.map((r) => r.professional_id);
}

export async function setAssigned(tx: Tx, entityId: string, caseFileId: string, ids: string[]) {
  await tx.execute(sql`DELETE FROM case_file_professionals
    WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId}`);
  if (ids.length > 0) {
    await tx
      .insert(caseFileProfessionals)
      .values(ids.map((professionalId) => ({ entityId, caseFileId, professionalId })));
  }
}

/** Which of these professionals are active professionals of the entity (their ids). */
export async function activeProfessionals(tx: Tx, entityId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM professionals WHERE entity_id = ${entityId} AND active
      AND id IN (${uuidList(ids)})`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * A person of the entity with the municipality they live in; a tombstone (merged into another
 * record) is none. Key-shared: a merge of the record locks it for update, so a request waiting
 * on it reads the merged row once the merge committed and finds it gone.
 */
export async function personPlace(tx: Tx, entityId: string, personId: string) {
  const [row] = await rowsOf<{
    id: string;
    municipality_id: string;
    municipality_name: string;
    sector_id: string | null;
  }>(
    tx,
    sql`SELECT p.id, p.municipality_id, m.name AS municipality_name, p.sector_id
      FROM persons p JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
      WHERE p.entity_id = ${entityId} AND p.id = ${personId} AND p.merged_into_id IS NULL
      FOR KEY SHARE OF p`,
  );
  return row ?? null;
}

export async function municipalityName(tx: Tx, entityId: string, id: string) {
  const [row] = await rowsOf<{ name: string }>(
    tx,
    sql`SELECT name FROM municipalities WHERE entity_id = ${entityId} AND id = ${id}`,
  );
  return row?.name ?? null;
}

export type ListFilters = {
  professionalId?: string | undefined;
  teamId?: string | undefined;
  personId?: string | undefined;
  scope?: CaseScope | undefined;
  state?: CaseFileState | undefined;
  municipalityId?: string | undefined;
  number?: { year: number | null; seq: number } | undefined;
};

function filterSql(f: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (f.professionalId) {
    where.push(sql`(cf.referent_id = ${f.professionalId} OR EXISTS (SELECT 1
      FROM case_file_professionals a WHERE a.entity_id = cf.entity_id AND a.case_file_id = cf.id
        AND a.professional_id = ${f.professionalId}))`);
  }
  if (f.teamId) where.push(sql`cf.team_id = ${f.teamId}`);
  if (f.personId) {
    where.push(sql`EXISTS (SELECT 1 FROM case_file_members c WHERE c.entity_id = cf.entity_id
      AND c.case_file_id = cf.id AND c.person_id = ${f.personId})`);
  }
  if (f.scope) where.push(sql`cf.scope = ${f.scope}`);
  if (f.state) where.push(sql`cf.state = ${f.state}`);
  if (f.municipalityId) where.push(sql`cf.municipality_id = ${f.municipalityId}`);
  if (f.number) {
    where.push(sql`cf.seq = ${f.number.seq}`);
    if (f.number.year !== null) where.push(sql`cf.year = ${f.number.year}`);
  }
  return where;
}

/** A page of the case files the viewer sees, newest number first, and how many there are. */
export async function listCaseFiles(
  tx: Tx,
  entityId: string,
  viewer: CaseFileViewer,
  filters: ListFilters,
  after: { year: number; seq: number } | null,
  limit: number,
): Promise<{ rows: SummaryRow[]; total: number }> {
  const where = sql.join(
    [sql`cf.entity_id = ${entityId}`, visible(viewer), ...filterSql(filters)],
    sql` AND `,
  );
  const rows = await rowsOf<SummaryRow>(
    tx,
    sql`SELECT ${SUMMARY_COLUMNS} FROM case_files cf ${SUMMARY_JOINS}
      WHERE ${where}
        ${after ? sql`AND (cf.year, cf.seq) < (${after.year}, ${after.seq})` : sql``}
      ORDER BY cf.year DESC, cf.seq DESC
      LIMIT ${limit}`,
  );
  const [count] = await rowsOf<{ total: number }>(
    tx,
    sql`SELECT count(*)::int AS total FROM case_files cf WHERE ${where}`,
  );
  return { rows, total: count?.total ?? 0 };
}

/** The entity's catalogue, in order; labels of its own where it set them. */
export async function catalogue(tx: Tx, entityId: string, name: Catalogue) {
  return rowsOf<{
    id: string;
    code: string;
    labels: Partial<Record<Language, string>> | null;
    official_code: string | null;
    active: boolean;
  }>(
    tx,
    sql`SELECT id, code, labels, official_code, active FROM catalogue_items
      WHERE entity_id = ${entityId} AND catalogue = ${name}
      ORDER BY position, code`,
  );
}

/**
 * An active entry of a catalogue, by id: its code and labels (null when not one). Key-share
 * locked: an administrator deleting it meanwhile waits, then finds it in use (a 409, not a
 * failed foreign key).
 */
export async function catalogueEntry(tx: Tx, entityId: string, name: Catalogue, id: string) {
  const [row] = await rowsOf<{ code: string; labels: Partial<Record<Language, string>> | null }>(
    tx,
    sql`SELECT code, labels FROM catalogue_items
      WHERE entity_id = ${entityId} AND catalogue = ${name} AND id = ${id} AND active
      FOR KEY SHARE`,
  );
  return row ?? null;
}

export type InterventionRow = {
  id: string;
  case_file_id: string;
  type_id: string | null;
  type_code: string | null;
  type_labels: Partial<Record<Language, string>> | null;
  event: CaseFileEvent | null;
  resource_id: string | null;
  resource_code: string | null;
  resource_labels: Partial<Record<Language, string>> | null;
  occurred_on: string;
  duration_minutes: number | null;
  place: InterventionPlace | null;
  notes: string;
  author_id: string | null;
  author_name: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  professionals: { id: string; name: string }[] | null;
  persons: { id: string; name: string }[] | null;
};

const INTERVENTION_SELECT = sql`SELECT i.id, i.case_file_id, i.type_id, ci.code AS type_code,
    ci.labels AS type_labels, i.event, i.resource_id, rci.code AS resource_code,
    rci.labels AS resource_labels, i.occurred_on::text AS occurred_on, i.duration_minutes,
    i.place, i.notes, i.author_id, au.given_name || ' ' || au.surnames AS author_name, i.version,
    i.created_at, i.updated_at,
    (SELECT json_agg(json_build_object('id', pr.id, 'name', pr.given_name || ' ' || pr.surnames)
        ORDER BY pr.surnames, pr.given_name)
      FROM intervention_professionals ip
      JOIN professionals pr ON pr.entity_id = ip.entity_id AND pr.id = ip.professional_id
      WHERE ip.entity_id = i.entity_id AND ip.intervention_id = i.id) AS professionals,
    (SELECT json_agg(json_build_object('id', pe.id,
          'name', concat_ws(' ', pe.given_name, pe.first_surname, pe.second_surname))
        ORDER BY pe.first_surname, pe.given_name)
      FROM intervention_persons ipe
      JOIN persons pe ON pe.entity_id = ipe.entity_id AND pe.id = ipe.person_id
      WHERE ipe.entity_id = i.entity_id AND ipe.intervention_id = i.id) AS persons
  FROM interventions i
  LEFT JOIN catalogue_items ci ON ci.entity_id = i.entity_id AND ci.id = i.type_id
  LEFT JOIN resources r ON r.entity_id = i.entity_id AND r.id = i.resource_id
  LEFT JOIN catalogue_items rci ON rci.entity_id = r.entity_id AND rci.id = r.type_id
  LEFT JOIN professionals au ON au.entity_id = i.entity_id AND au.id = i.author_id`;

/** A page of a case file's interventions, most recent first. */
export async function interventionPage(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  after: { key: string; id: string } | null,
  limit: number,
) {
  const key = sql`(i.occurred_on::text || ' ' || to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))`;
  return rowsOf<InterventionRow & { sort_key: string }>(
    tx,
    sql`${INTERVENTION_SELECT}
      CROSS JOIN LATERAL (SELECT ${key} AS sort_key) k
      WHERE i.entity_id = ${entityId} AND i.case_file_id = ${caseFileId}
        ${after ? sql`AND (k.sort_key, i.id) < (${after.key}, ${after.id}::uuid)` : sql``}
      ORDER BY k.sort_key DESC, i.id DESC
      LIMIT ${limit}`,
  );
}

/** Interventions by id (the timeline's page), in no particular order. */
export async function interventionsByIds(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  ids: string[],
) {
  if (ids.length === 0) return [];
  return rowsOf<InterventionRow>(
    tx,
    sql`${INTERVENTION_SELECT}
      WHERE i.entity_id = ${entityId} AND i.case_file_id = ${caseFileId}
        AND i.id IN (${uuidList(ids)})`,
  );
}

export async function findIntervention(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  id: string,
): Promise<InterventionRow | null> {
  const [row] = await rowsOf<InterventionRow>(
    tx,
    sql`${INTERVENTION_SELECT}
      WHERE i.entity_id = ${entityId} AND i.case_file_id = ${caseFileId} AND i.id = ${id}`,
  );
  return row ?? null;
}

export async function lockIntervention(tx: Tx, entityId: string, caseFileId: string, id: string) {
  const [row] = await rowsOf<{
    id: string;
    type_id: string | null;
    author_id: string | null;
    event: string | null;
    version: number;
  }>(
    tx,
    sql`SELECT id, type_id, author_id, event, version FROM interventions
      WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId} AND id = ${id} FOR UPDATE`,
  );
  return row ?? null;
}

export async function insertIntervention(
  tx: Tx,
  values: typeof interventions.$inferInsert,
  professionalIds: string[],
  personIds: string[],
): Promise<string> {
  const [row] = await tx.insert(interventions).values(values).returning({ id: interventions.id });
  await setParticipants(tx, values.entityId, row!.id, professionalIds, personIds);
  return row!.id;
}

export async function setParticipants(
  tx: Tx,
  entityId: string,
  interventionId: string,
  professionalIds: string[] | undefined,
  personIds: string[] | undefined,
) {
  if (professionalIds) {
    await tx.execute(sql`DELETE FROM intervention_professionals
      WHERE entity_id = ${entityId} AND intervention_id = ${interventionId}`);
    if (professionalIds.length > 0) {
      await tx
        .insert(interventionProfessionals)
        .values(
          professionalIds.map((professionalId) => ({ entityId, interventionId, professionalId })),
        );
    }
  }
  if (personIds) {
    await tx.execute(sql`DELETE FROM intervention_persons
      WHERE entity_id = ${entityId} AND intervention_id = ${interventionId}`);
    if (personIds.length > 0) {
      await tx
        .insert(interventionPersons)
        .values(personIds.map((personId) => ({ entityId, interventionId, personId })));
    }
  }
}

export async function updateIntervention(
  tx: Tx,
  entityId: string,
  id: string,
  changes: Partial<Omit<typeof interventions.$inferInsert, 'id' | 'entityId'>>,
) {
  await tx
    .update(interventions)
    .set({ ...changes, version: sql`${interventions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(interventions.entityId, entityId), eq(interventions.id, id)));
}

/** The members' municipalities, for the municipality rule (only persons who are members). */
export async function membersPlaces(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  personIds: string[],
) {
  if (personIds.length === 0) return [];
  return rowsOf<{
    person_id: string;
    name: string;
    municipality_id: string;
    municipality_name: string;
  }>(
    tx,
    sql`SELECT c.person_id, concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name,
        p.municipality_id, m.name AS municipality_name
      FROM case_file_members c
      JOIN persons p ON p.entity_id = c.entity_id AND p.id = c.person_id
      JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
      WHERE c.entity_id = ${entityId} AND c.case_file_id = ${caseFileId}
        AND c.person_id IN (${uuidList(personIds)})`,
  );
}

/**
 * The case files a person is a member of: how many, and the numbers of those the viewer sees
 * (a deletion refused because of them names only these).
 */
export async function membershipsOf(
  tx: Tx,
  entityId: string,
  personId: string,
  viewer: CaseFileViewer,
) {
  const rows = await rowsOf<{ year: number; seq: number; visible: boolean }>(
    tx,
    sql`SELECT cf.year, cf.seq, ${visible(viewer)} AS visible
      FROM case_file_members c
      JOIN case_files cf ON cf.entity_id = c.entity_id AND cf.id = c.case_file_id
      WHERE c.entity_id = ${entityId} AND c.person_id = ${personId}
      ORDER BY cf.year, cf.seq`,
  );
  return {
    total: rows.length,
    visible: rows.filter((r) => r.visible).map((r) => ({ year: r.year, seq: r.seq })),
  };
}
