import type { CoverReason, Role } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/connect';

/**
 * A team's caseload (who holds how many case files and persons in it) and the covers of absent
 * professionals. Every statement runs behind the tenant wall; the team is always one the caller
 * coordinates (checked first, by `coordinatedTeam`).
 */

/** The team's name if `professionalId` coordinates it; null otherwise. */
export async function coordinatedTeam(
  tx: Tx,
  teamId: string,
  professionalId: string,
): Promise<string | null> {
  const [row] = await rowsOf<{ name: string }>(
    tx,
    sql`SELECT t.name FROM teams t
      JOIN team_memberships tm ON tm.team_id = t.id AND tm.professional_id = ${professionalId}
        AND tm.is_coordinator
      WHERE t.id = ${teamId}`,
  );
  return row?.name ?? null;
}

export type CaseloadRow = {
  id: string;
  name: string;
  roles: Role[];
  active: boolean;
  open_case_files: number;
  closed_case_files: number;
  persons: number;
};

/**
 * Each member of the team with the team's case files they are referent of or assigned to (open,
 * closed) and the team's person records they are referent of; one statement, by index.
 */
export async function caseload(tx: Tx, teamId: string): Promise<CaseloadRow[]> {
  return rowsOf<CaseloadRow>(
    tx,
    sql`WITH held AS (
        SELECT cf.id, cf.state, cf.referent_id AS professional_id FROM case_files cf
        WHERE cf.team_id = ${teamId} AND cf.referent_id IS NOT NULL
        UNION
        SELECT cf.id, cf.state, a.professional_id FROM case_files cf
        JOIN case_file_professionals a ON a.entity_id = cf.entity_id AND a.case_file_id = cf.id
        WHERE cf.team_id = ${teamId}
      ), files AS (
        SELECT professional_id, count(*) FILTER (WHERE state = 'open')::int AS open,
          count(*) FILTER (WHERE state = 'closed')::int AS closed
        FROM held GROUP BY professional_id
      ), people AS (
        SELECT x.referent_id, count(*)::int AS n FROM persons x
        WHERE x.team_id = ${teamId} AND x.referent_id IS NOT NULL GROUP BY x.referent_id
      )
      SELECT p.id, p.given_name || ' ' || p.surnames AS name, p.roles, p.active,
        coalesce(f.open, 0) AS open_case_files, coalesce(f.closed, 0) AS closed_case_files,
        coalesce(pp.n, 0) AS persons
      FROM team_memberships tm JOIN professionals p ON p.id = tm.professional_id
      LEFT JOIN files f ON f.professional_id = p.id
      LEFT JOIN people pp ON pp.referent_id = p.id
      WHERE tm.team_id = ${teamId}
      ORDER BY p.surnames, p.given_name`,
  );
}

/** A member of the team, with their roles, if they are one. */
export async function member(tx: Tx, teamId: string, professionalId: string) {
  const [row] = await rowsOf<{ id: string; roles: Role[]; active: boolean }>(
    tx,
    sql`SELECT p.id, p.roles, p.active FROM team_memberships tm
      JOIN professionals p ON p.id = tm.professional_id
      WHERE tm.team_id = ${teamId} AND tm.professional_id = ${professionalId}`,
  );
  return row ?? null;
}

/** A cover of the same absence by the same colleague whose days meet these, still standing. */
export async function overlappingCover(
  tx: Tx,
  teamId: string,
  c: { absentId: string; coverId: string; startsOn: string; endsOn: string },
): Promise<boolean> {
  // The team's covers locked: two coordinators granting the same cover at once are serialized.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`cover:${teamId}`}))`);
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM caseload_covers WHERE team_id = ${teamId}
      AND absent_id = ${c.absentId} AND cover_id = ${c.coverId} AND revoked_at IS NULL
      AND starts_on <= ${c.endsOn} AND ends_on >= ${c.startsOn}) AS yes`,
  );
  return row?.yes === true;
}

export type NewCover = {
  entityId: string;
  teamId: string;
  absentId: string;
  coverId: string;
  reason: CoverReason;
  startsOn: string;
  endsOn: string;
  grantedBy: string;
};

export async function insertCover(tx: Tx, c: NewCover): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO caseload_covers (entity_id, team_id, absent_id, cover_id, reason, starts_on,
        ends_on, granted_by)
      VALUES (${c.entityId}, ${c.teamId}, ${c.absentId}, ${c.coverId}, ${c.reason},
        ${c.startsOn}, ${c.endsOn}, ${c.grantedBy})
      RETURNING id`,
  );
  return row!.id;
}

export type CoverRow = {
  id: string;
  team_id: string;
  team_name: string;
  absent_id: string;
  absent_name: string;
  cover_id: string;
  cover_name: string;
  cover_roles: Role[];
  reason: CoverReason;
  starts_on: string;
  ends_on: string;
  granted_by: string | null;
  granted_by_name: string | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
  siad_files: number;
};

const COVER_COLUMNS = sql`c.id, c.team_id, t.name AS team_name, c.absent_id,
  a.given_name || ' ' || a.surnames AS absent_name, c.cover_id,
  v.given_name || ' ' || v.surnames AS cover_name, v.roles AS cover_roles, c.reason,
  c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.granted_by,
  g.given_name || ' ' || g.surnames AS granted_by_name, c.created_at, c.revoked_at,
  (SELECT count(*)::int FROM case_files cf
    WHERE cf.entity_id = c.entity_id AND cf.team_id = c.team_id AND cf.scope = 'siad'
      AND (cf.referent_id = c.absent_id OR EXISTS (SELECT 1 FROM case_file_professionals x
        WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id
          AND x.professional_id = c.absent_id))) AS siad_files`;

const COVER_JOINS = sql`JOIN teams t ON t.entity_id = c.entity_id AND t.id = c.team_id
  JOIN professionals a ON a.entity_id = c.entity_id AND a.id = c.absent_id
  JOIN professionals v ON v.entity_id = c.entity_id AND v.id = c.cover_id
  LEFT JOIN professionals g ON g.entity_id = c.entity_id AND g.id = c.granted_by`;

/** The team's covers not over before `since` (and those ended early since), latest first. */
export async function teamCovers(tx: Tx, teamId: string, since: string): Promise<CoverRow[]> {
  return rowsOf<CoverRow>(
    tx,
    sql`SELECT ${COVER_COLUMNS} FROM caseload_covers c ${COVER_JOINS}
      WHERE c.team_id = ${teamId} AND c.ends_on >= ${since}
      ORDER BY c.starts_on DESC, c.created_at DESC
      LIMIT 200`,
  );
}

/** One cover of the team, locked. */
export async function lockCover(tx: Tx, teamId: string, id: string) {
  const [row] = await rowsOf<{ id: string; ends_on: string; revoked_at: Date | string | null }>(
    tx,
    sql`SELECT id, ends_on::text AS ends_on, revoked_at FROM caseload_covers
      WHERE team_id = ${teamId} AND id = ${id} FOR UPDATE`,
  );
  return row ?? null;
}

export async function revokeCover(tx: Tx, id: string, by: string, at: Date) {
  await tx.execute(
    sql`UPDATE caseload_covers SET revoked_at = ${at.toISOString()}::timestamptz, revoked_by = ${by}
      WHERE id = ${id}`,
  );
}

export async function coverById(tx: Tx, id: string): Promise<CoverRow | null> {
  const [row] = await rowsOf<CoverRow>(
    tx,
    sql`SELECT ${COVER_COLUMNS} FROM caseload_covers c ${COVER_JOINS} WHERE c.id = ${id}`,
  );
  return row ?? null;
}

/** The professional's covers, either side, running or to come on `today`. */
export async function coversOf(tx: Tx, professionalId: string, today: string) {
  return rowsOf<CoverRow>(
    tx,
    sql`SELECT ${COVER_COLUMNS} FROM caseload_covers c ${COVER_JOINS}
      WHERE (c.cover_id = ${professionalId} OR c.absent_id = ${professionalId})
        AND c.revoked_at IS NULL AND c.ends_on >= ${today}
      ORDER BY c.starts_on, c.created_at`,
  );
}

export type NoticeRow = {
  id: string;
  record_type: 'person' | 'case_file';
  record_id: string;
  role: 'referent' | 'assigned';
  label: string | null;
  assigned_by: string | null;
  assigned_by_name: string | null;
  created_at: Date | string;
};

/** The professional's notices not yet seen, newest first (the record's number or name). */
export async function unseenNotices(tx: Tx, professionalId: string, limit: number) {
  return rowsOf<NoticeRow>(
    tx,
    sql`SELECT n.id, n.record_type, n.record_id, n.role,
        CASE n.record_type
          WHEN 'case_file' THEN (SELECT cf.year || '/' || lpad(cf.seq::text, 6, '0')
            FROM case_files cf WHERE cf.entity_id = n.entity_id AND cf.id = n.record_id)
          ELSE (SELECT concat_ws(' ', p.given_name, p.first_surname, p.second_surname)
            FROM persons p WHERE p.entity_id = n.entity_id AND p.id = n.record_id)
        END AS label,
        n.assigned_by, g.given_name || ' ' || g.surnames AS assigned_by_name, n.created_at
      FROM assignment_notices n
      LEFT JOIN professionals g ON g.entity_id = n.entity_id AND g.id = n.assigned_by
      WHERE n.professional_id = ${professionalId} AND n.seen_at IS NULL
      ORDER BY n.created_at DESC
      LIMIT ${limit}`,
  );
}

/** Marks the professional's notice seen; false when it is not theirs or was seen already. */
export async function markNoticeSeen(tx: Tx, professionalId: string, id: string, at: Date) {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`UPDATE assignment_notices SET seen_at = ${at.toISOString()}::timestamptz
      WHERE id = ${id} AND professional_id = ${professionalId} AND seen_at IS NULL
      RETURNING id`,
  );
  return rows.length > 0;
}
