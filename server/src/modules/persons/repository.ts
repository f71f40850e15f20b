import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Language, type Permission, type Scope, TECHNICIAN_ROLES } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { personHistory, persons } from '../../db/schema';
import type { SearchRow } from './search/repository';
import { coordinatedTeams, type ScopeRules, scopePredicate } from '../../platform/access/scope';
import { mayReassign } from '../../platform/access/reassignment';
import { type CaseFileViewer, caseFileScope } from '../case-files/access';

/** SQL of person records. Record-level scope (referent, coordinated teams) is in the queries. */

export type NewPersonRow = typeof persons.$inferInsert;
export type PersonChanges = Partial<Omit<NewPersonRow, 'id' | 'entityId' | 'createdAt'>>;

/** Who may be a person's referent: an active technician or coordinator of the entity. */
export const REFERENT_ROLES = [...TECHNICIAN_ROLES, 'coordinator'] as const;

const referentRoles = sql`ARRAY[${sql.join(
  REFERENT_ROLES.map((r) => sql`${r}`),
  sql`, `,
)}]::text[]`;

/**
 * What "own" and "team" mean for a person record, for the platform's scope mechanism: own = the
 * person's referent; team = the person's team is one the viewer coordinates (DESIGN.md).
 */
export const PERSON_SCOPE: ScopeRules = {
  own: (viewer) => sql`p.referent_id = ${viewer.professionalId}`,
  team: (viewer) => sql`p.team_id IN ${coordinatedTeams(viewer)}`,
};

/**
 * Deleting a person (and reactivating one recorded as deceased by mistake): person-level team
 * scope is the person's team being one the viewer coordinates (DESIGN.md); being the person's
 * referent gives no say, as for reassignment.
 */
const PERSON_DELETE_SCOPE: ScopeRules = { own: () => sql`FALSE`, team: PERSON_SCOPE.team };

export type Refs = {
  municipalityId: string;
  sectorId: string | null;
  teamId: string | null;
  referentId: string | null;
};

/** Which of the referenced records exist in the entity (and fit together). */
export async function checkRefs(tx: Tx, entityId: string, refs: Refs) {
  const [row] = await rowsOf<{
    municipality: boolean;
    sector: boolean;
    sector_covers: boolean;
    team: boolean;
    referent: boolean;
  }>(
    tx,
    sql`SELECT
      EXISTS (SELECT 1 FROM municipalities WHERE entity_id = ${entityId}
        AND id = ${refs.municipalityId}) AS municipality,
      ${refs.sectorId ? sql`EXISTS (SELECT 1 FROM sectors WHERE entity_id = ${entityId} AND id = ${refs.sectorId})` : sql`true`} AS sector,
      ${refs.sectorId ? sql`EXISTS (SELECT 1 FROM sector_municipalities WHERE entity_id = ${entityId} AND sector_id = ${refs.sectorId} AND municipality_id = ${refs.municipalityId})` : sql`true`} AS sector_covers,
      ${refs.teamId ? sql`EXISTS (SELECT 1 FROM teams WHERE entity_id = ${entityId} AND id = ${refs.teamId} AND active)` : sql`true`} AS team,
      ${refs.referentId ? sql`EXISTS (SELECT 1 FROM professionals WHERE entity_id = ${entityId} AND id = ${refs.referentId} AND active AND roles && ${referentRoles})` : sql`true`} AS referent`,
  );
  return row!;
}

/**
 * The team that serves a place: the team of the person's sector, else a team serving the
 * municipality (directly, or through one of its sectors). Several: the first by name.
 */
export async function defaultTeam(
  tx: Tx,
  entityId: string,
  municipalityId: string,
  sectorId: string | null,
): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT t.id FROM teams t
      LEFT JOIN LATERAL (SELECT 1 AS rank WHERE ${sectorId}::uuid IS NOT NULL AND EXISTS (
        SELECT 1 FROM team_sectors ts WHERE ts.team_id = t.id AND ts.sector_id = ${sectorId}::uuid)) s ON true
      LEFT JOIN LATERAL (SELECT 2 AS rank WHERE EXISTS (
        SELECT 1 FROM team_municipalities tmu WHERE tmu.team_id = t.id
          AND tmu.municipality_id = ${municipalityId})) m ON true
      LEFT JOIN LATERAL (SELECT 3 AS rank WHERE EXISTS (
        SELECT 1 FROM team_sectors ts JOIN sector_municipalities sm
          ON sm.entity_id = ts.entity_id AND sm.sector_id = ts.sector_id
        WHERE ts.team_id = t.id AND sm.municipality_id = ${municipalityId})) v ON true
      WHERE t.entity_id = ${entityId} AND t.active
        AND coalesce(s.rank, m.rank, v.rank) IS NOT NULL
      ORDER BY coalesce(s.rank, m.rank, v.rank), t.name, t.id
      LIMIT 1`,
  );
  return row?.id ?? null;
}

/** A team of the entity, by its id: its id and name. */
export async function teamName(tx: Tx, entityId: string, id: string) {
  const [row] = await rowsOf<{ id: string; name: string }>(
    tx,
    sql`SELECT id, name FROM teams WHERE entity_id = ${entityId} AND id = ${id}`,
  );
  return row ?? null;
}

/** The professionals who may be a person's referent, by name. */
export async function referentOptions(tx: Tx, entityId: string) {
  return rowsOf<{ id: string; name: string; team_ids: string[] | null }>(
    tx,
    sql`SELECT p.id, p.given_name || ' ' || p.surnames AS name,
        array_remove(array_agg(tm.team_id ORDER BY tm.team_id), NULL) AS team_ids
      FROM professionals p
      LEFT JOIN team_memberships tm ON tm.entity_id = p.entity_id AND tm.professional_id = p.id
      WHERE p.entity_id = ${entityId} AND p.active AND p.roles && ${referentRoles}
      GROUP BY p.id, p.given_name, p.surnames
      ORDER BY p.surnames, p.given_name, p.id`,
  );
}

/** The viewer's grant of `persons.change_referent`, as the scope mechanism reads it. */
function reassigner(viewerId: string, scope: Scope | undefined) {
  return {
    professionalId: viewerId,
    grants: scope ? { 'persons.change_referent': scope } : {},
  };
}

/**
 * May the viewer change the referent or team of a person whose team is `teamId` (the stored team,
 * or at creation the team the new record gets)? The platform's reassignment rule, in SQL.
 */
export async function mayReassignIn(
  tx: Tx,
  viewer: { id: string; reassignScope: Scope | undefined },
  teamId: string | null,
): Promise<boolean> {
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT coalesce(${mayReassign(
      reassigner(viewer.id, viewer.reassignScope),
      'persons.change_referent',
      sql`${teamId}::uuid`,
    )}, FALSE) AS yes`,
  );
  return row?.yes === true;
}

/** Another person of the entity who already has this document. */
export async function documentHolder(
  tx: Tx,
  entityId: string,
  documentNumber: string,
  excludeId: string | null,
): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM persons WHERE entity_id = ${entityId} AND document_number = ${documentNumber}
      ${excludeId ? sql`AND id <> ${excludeId}` : sql``} LIMIT 1`,
  );
  return row?.id ?? null;
}

export async function insertPerson(tx: Tx, values: NewPersonRow): Promise<string> {
  const [row] = await tx.insert(persons).values(values).returning({ id: persons.id });
  return row!.id;
}

/** Many persons in one statement (population generators, demo data). */
export async function insertPersons(tx: Tx, values: NewPersonRow[]): Promise<void> {
  if (values.length > 0) await tx.insert(persons).values(values);
}

export type HistoryEntry = {
  field: 'referent' | 'municipality' | 'team' | 'status';
  oldId?: string | null;
  newId?: string | null;
  detail?: string | null;
};

export async function insertHistory(
  tx: Tx,
  entityId: string,
  personId: string,
  changedBy: string | null,
  entries: HistoryEntry[],
) {
  if (entries.length === 0) return;
  await tx.insert(personHistory).values(
    entries.map((e) => ({
      entityId,
      personId,
      changedBy,
      field: e.field,
      oldId: e.oldId ?? null,
      newId: e.newId ?? null,
      detail: e.detail ?? null,
    })),
  );
}

/**
 * The stored record if it is within the scope of the viewer's `persons.edit_basic`, locked for the
 * rest of the transaction; null otherwise (a record out of scope is "not found").
 */
export async function lockPerson(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: Pick<PersonViewer, 'id' | 'editScope'>,
) {
  // Aliased "p", the name the scope rules (PERSON_SCOPE) give the person row.
  const p = alias(persons, 'p');
  const [row] = await tx
    .select()
    .from(p)
    .where(
      and(
        eq(p.entityId, entityId),
        eq(p.id, id),
        personScope('persons.edit_basic', viewer.editScope, viewer.id),
      ),
    )
    .for('update');
  return row ?? null;
}

/** The person, locked, if within the scope of the viewer's `persons.reactivate`. */
export async function lockForReactivation(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: Pick<PersonViewer, 'id' | 'reactivateScope'>,
) {
  const [row] = await rowsOf<{ id: string; status: string; merged_into_id: string | null }>(
    tx,
    sql`SELECT p.id, p.status, p.merged_into_id FROM persons p
      WHERE p.entity_id = ${entityId} AND p.id = ${id}
      AND ${personScope('persons.reactivate', viewer.reactivateScope, viewer.id)}
      FOR UPDATE OF p`,
  );
  return row ?? null;
}

/** Applies changes and bumps the version; with `expectedVersion`, only if nobody changed it. */
export async function updatePerson(
  tx: Tx,
  entityId: string,
  id: string,
  changes: PersonChanges,
  expectedVersion?: number,
): Promise<boolean> {
  const rows = await tx
    .update(persons)
    .set({ ...changes, version: sql`${persons.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(persons.entityId, entityId),
        eq(persons.id, id),
        expectedVersion !== undefined ? eq(persons.version, expectedVersion) : undefined,
      ),
    )
    .returning({ id: persons.id });
  return rows.length > 0;
}

export type PersonRow = SearchRow & {
  nationality: string | null;
  mobile_phone: string | null;
  other_phone: string | null;
  email: string | null;
  preferred_language: Language | null;
  consent_sms: boolean;
  consent_email: boolean;
  address: string | null;
  postal_code: string | null;
  sector_id: string | null;
  sector_name: string | null;
  housing_type: NonNullable<NewPersonRow['housingType']> | null;
  housing_tenure: NonNullable<NewPersonRow['housingTenure']> | null;
  referent_id: string | null;
  referent_name: string | null;
  team_id: string | null;
  team_name: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  /** The record this one was merged into (a tombstone), with its name. */
  merged_into_id: string | null;
  merged_into_name: string | null;
  /** Scope of the viewer on this record, decided here in SQL from the scopes of their grants. */
  full_record: boolean;
  may_edit: boolean;
  may_delete: boolean;
  may_reactivate: boolean;
  may_reassign: boolean;
};

/** A person's basic data with the names it refers to, and the viewer's relation to it. */
export async function findPerson(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: PersonViewer,
): Promise<PersonRow | null> {
  const viewerId = viewer.id;
  const [row] = await rowsOf<PersonRow>(
    tx,
    sql`SELECT p.id, p.given_name, p.first_surname, p.second_surname, p.sex,
        p.birth_date::text AS birth_date, p.document_type, p.document_number,
        p.municipality_id, m.name AS municipality_name, p.status,
        p.deceased_on::text AS deceased_on, 0 AS tier, p.nationality, p.mobile_phone,
        p.other_phone, p.email, p.preferred_language, p.consent_sms, p.consent_email, p.address,
        p.postal_code, p.sector_id, s.name AS sector_name, p.housing_type, p.housing_tenure,
        p.referent_id, r.given_name || ' ' || r.surnames AS referent_name,
        p.team_id, t.name AS team_name, p.version, p.created_at, p.updated_at,
        p.merged_into_id, (SELECT concat_ws(' ', x.given_name, x.first_surname, x.second_surname)
          FROM persons x WHERE x.entity_id = p.entity_id AND x.id = p.merged_into_id)
          AS merged_into_name,
        coalesce(${fullRecordScope(viewer)}, false) AS full_record,
        coalesce(${personScope('persons.edit_basic', viewer.editScope, viewerId)}, false) AS may_edit,
        coalesce(${personScope('persons.delete', viewer.deleteScope, viewerId)}, false) AS may_delete,
        coalesce(${personScope('persons.reactivate', viewer.reactivateScope, viewerId)}, false)
          AS may_reactivate,
        coalesce(${mayReassign(
          reassigner(viewerId, viewer.reassignScope),
          'persons.change_referent',
          sql`p.team_id`,
        )}, false) AS may_reassign
      FROM persons p
      JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
      LEFT JOIN sectors s ON s.entity_id = p.entity_id AND s.id = p.sector_id
      LEFT JOIN professionals r ON r.entity_id = p.entity_id AND r.id = p.referent_id
      LEFT JOIN teams t ON t.entity_id = p.entity_id AND t.id = p.team_id
      WHERE p.entity_id = ${entityId} AND p.id = ${id}`,
  );
  return row ?? null;
}

/**
 * The full record's door, by the scope of the viewer's `case_files.view` grant: `own` is the
 * person's referent, `team` adds the coordinators of the person's team, `entity` everyone; and
 * whoever may read the content of a case file the person is a member of (its technicians, its
 * team's coordinators — the SIAD wall included). Others find nothing.
 */
export function fullRecordScope(viewer: PersonViewer): SQL {
  const byPerson = personScope('case_files.view', viewer.fullRecordScope, viewer.id);
  if (!viewer.caseFiles) return byPerson;
  return sql`(${byPerson} OR EXISTS (SELECT 1 FROM case_file_members fm
    JOIN case_files cf ON cf.entity_id = fm.entity_id AND cf.id = fm.case_file_id
    WHERE fm.entity_id = p.entity_id AND fm.person_id = p.id
      AND ${caseFileScope(viewer.caseFiles, 'content.view')}))`;
}

/** The viewer as the person queries need them: their id and the scopes of their grants. */
export type PersonViewer = {
  id: string;
  fullRecordScope: Scope | undefined;
  reassignScope: Scope | undefined;
  editScope: Scope | undefined;
  deleteScope: Scope | undefined;
  reactivateScope: Scope | undefined;
  /** Who they are to case files (a member's full record opens to their case files' workers). */
  caseFiles: CaseFileViewer | null;
};

/** The person records on which the viewer holds `permission`, at the scope of their grant. */
export function personScope(
  permission: Permission,
  scope: Scope | undefined,
  viewerId: string,
): SQL {
  const viewer = { professionalId: viewerId, grants: scope ? { [permission]: scope } : {} };
  return scopePredicate(
    viewer,
    permission,
    permission === 'persons.delete' || permission === 'persons.reactivate'
      ? PERSON_DELETE_SCOPE
      : PERSON_SCOPE,
  );
}

export async function fullRecordVisible(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: PersonViewer,
): Promise<boolean> {
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM persons p WHERE p.entity_id = ${entityId} AND p.id = ${id}
      AND ${fullRecordScope(viewer)}) AS yes`,
  );
  return row?.yes === true;
}

export type HistoryRow = {
  id: string;
  created_at: Date | string;
  field: HistoryEntry['field'];
  old_id: string | null;
  new_id: string | null;
  old_name: string | null;
  new_name: string | null;
  detail: string | null;
  changed_by: string | null;
  changed_by_name: string | null;
};

const refName = (column: SQL) => sql`CASE h.field
  WHEN 'referent' THEN (SELECT x.given_name || ' ' || x.surnames FROM professionals x
    WHERE x.entity_id = h.entity_id AND x.id = ${column})
  WHEN 'municipality' THEN (SELECT x.name FROM municipalities x
    WHERE x.entity_id = h.entity_id AND x.id = ${column})
  WHEN 'team' THEN (SELECT x.name FROM teams x WHERE x.entity_id = h.entity_id AND x.id = ${column})
  END`;

/** A page of a person's history, newest first (keyset on time and id). */
export async function historyPage(
  tx: Tx,
  entityId: string,
  personId: string,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<HistoryRow[]> {
  return rowsOf<HistoryRow>(
    tx,
    sql`SELECT h.id, h.created_at, h.field, h.old_id, h.new_id, h.detail, h.changed_by,
        ${refName(sql`h.old_id`)} AS old_name, ${refName(sql`h.new_id`)} AS new_name,
        (SELECT x.given_name || ' ' || x.surnames FROM professionals x
          WHERE x.entity_id = h.entity_id AND x.id = h.changed_by) AS changed_by_name
      FROM person_history h
      WHERE h.entity_id = ${entityId} AND h.person_id = ${personId}
        ${after ? sql`AND (h.created_at, h.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : sql``}
      ORDER BY h.created_at DESC, h.id DESC
      LIMIT ${limit}`,
  );
}

/** Locks the person if within the scope of the viewer's `persons.delete`; false otherwise. */
export async function lockDeletable(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: Pick<PersonViewer, 'id' | 'deleteScope'>,
): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    // A tombstone of a merge is never deleted: its old links lead to the record that remains.
    sql`SELECT p.id FROM persons p WHERE p.entity_id = ${entityId} AND p.id = ${id}
      AND p.merged_into_id IS NULL
      AND ${personScope('persons.delete', viewer.deleteScope, viewer.id)}
      FOR UPDATE OF p`,
  );
  return rows.length > 0;
}

/** Deletes the person if it is within the scope of the viewer's `persons.delete`; false otherwise. */
export async function deleteInScope(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: Pick<PersonViewer, 'id' | 'deleteScope'>,
): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`DELETE FROM persons p WHERE p.entity_id = ${entityId} AND p.id = ${id}
      AND ${personScope('persons.delete', viewer.deleteScope, viewer.id)} RETURNING p.id`,
  );
  return rows.length > 0;
}

export type IdentificationRow = Pick<
  SearchRow,
  | 'id'
  | 'given_name'
  | 'first_surname'
  | 'second_surname'
  | 'birth_date'
  | 'document_type'
  | 'document_number'
  | 'status'
>;

export async function findIdentification(
  tx: Tx,
  entityId: string,
  id: string,
): Promise<IdentificationRow | null> {
  const [row] = await rowsOf<IdentificationRow>(
    tx,
    sql`SELECT id, given_name, first_surname, second_surname, birth_date::text AS birth_date,
        document_type, document_number, status
      FROM persons WHERE entity_id = ${entityId} AND id = ${id}`,
  );
  return row ?? null;
}
