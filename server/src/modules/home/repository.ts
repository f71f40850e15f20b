import { type SQL, sql } from 'drizzle-orm';
import type { AlertKind, Language } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { coordinatedTeams, scopeOf, scopePredicate } from '../../platform/access/scope';
import { caseFileScope, type CaseFileViewer } from '../case-files/access';
import type { SummaryRow } from '../case-files/repository';
import { PERSON_SCOPE } from '../persons/repository';

/**
 * The SQL of the home page. Every alert starts from one set: the open case files on which the
 * viewer holds `content.view` (access.ts decides which, SIAD wall included), found first through
 * index-friendly candidates — the files they are referent of, assigned to, cover for an absent
 * colleague, or whose team they coordinate, a superset of any own or team scope — so that no alert scans the entity's case files.
 * Each kind is then a set-based query over that set, probing the content tables by case file.
 */

/**
 * Compiling these statements costs more than running them (about 100 ms of JIT on a
 * coordinator's counts): off for the transaction, as the duplicates list does.
 */
async function jitOff(tx: Tx) {
  await tx.execute(sql`SELECT set_config('jit', 'off', true)`);
}

/** The dates the alerts compare with, in the entity's calendar (YYYY-MM-DD). */
export type AlertDates = { today: string; monthAgo: string; yearAgo: string };

/**
 * `files`: the open case files whose content the viewer reads. Each branch reaches rows through an
 * index (referent, assignment, a coordinated team, an absent colleague's files under a cover held
 * today): together a superset of any own or team scope,
 * so that no alert scans the entity's case files; the scope predicate then decides, in each branch.
 */
function filesCte(entityId: string, viewer: CaseFileViewer): SQL {
  const inScope = sql`cf.entity_id = ${entityId} AND cf.state = 'open'
    AND ${caseFileScope(viewer, 'content.view')}`;
  const columns = sql`cf.id, cf.year, cf.seq, cf.municipality_id, cf.opened_on`;
  const scope = scopeOf(viewer, 'content.view');
  if (scope === 'entity' || scope === 'all') {
    return sql`files AS MATERIALIZED (SELECT ${columns} FROM case_files cf WHERE ${inScope})`;
  }
  const me = viewer.professionalId;
  const team =
    scope === 'team'
      ? sql`UNION SELECT ${columns} FROM case_files cf
          WHERE cf.team_id IN ${coordinatedTeams(viewer)} AND ${inScope}`
      : sql``;
  const byProfessional = (professionalId: string, teamId?: string) => {
    const ofTeam = teamId ? sql` AND cf.team_id = ${teamId}` : sql``;
    return sql`SELECT ${columns} FROM case_files cf
        WHERE cf.referent_id = ${professionalId}${ofTeam} AND ${inScope}
      UNION SELECT ${columns} FROM case_file_professionals a
        JOIN case_files cf ON cf.entity_id = a.entity_id AND cf.id = a.case_file_id
        WHERE a.entity_id = ${entityId} AND a.professional_id = ${professionalId}${ofTeam}
          AND ${inScope}`;
  };
  // A cover held today reaches the absent colleague's files of the covered team the same way.
  const covered = (viewer.covers ?? []).map(
    (c) => sql` UNION ${byProfessional(c.absentId, c.teamId)}`,
  );
  return sql`files AS MATERIALIZED (
    ${byProfessional(me)}${sql.join(covered, sql``)}
    ${team})`;
}

/**
 * One kind's records as rows of (row_id, sort_key, case_file_id, person_id, date, type_id,
 * person_municipality_id): row_id and sort_key together are unique, and page the list.
 */
function kindRows(kind: AlertKind, entityId: string, viewer: CaseFileViewer, d: AlertDates): SQL {
  switch (kind) {
    case 'plan_review_overdue':
      return sql`SELECT ip.id AS row_id, rv.due_on::text AS sort_key, f.id AS case_file_id,
          NULL::uuid AS person_id, rv.due_on AS date, NULL::uuid AS type_id,
          NULL::uuid AS person_municipality_id
        FROM files f
        JOIN intervention_plans ip ON ip.entity_id = ${entityId} AND ip.case_file_id = f.id
          AND ip.state = 'active'
        CROSS JOIN LATERAL (SELECT min(r.due_on) AS due_on FROM plan_reviews r
          WHERE r.entity_id = ${entityId} AND r.plan_id = ip.id AND r.held_on IS NULL
            AND r.due_on < ${d.today}::date) rv
        WHERE rv.due_on IS NOT NULL`;
    case 'resource_past_end':
    case 'resource_pre_assigned': {
      const [state, dateColumn] =
        kind === 'resource_past_end'
          ? ['granted', sql`r.ends_on`]
          : ['pre_assigned', sql`r.recorded_on`];
      return sql`SELECT r.id AS row_id, ${dateColumn}::text AS sort_key, r.case_file_id,
          r.person_id, ${dateColumn} AS date, r.type_id, NULL::uuid AS person_municipality_id
        FROM pending_resources r WHERE r.state = ${state}`;
    }
    case 'case_file_inactive':
      return sql`SELECT f.id AS row_id, coalesce(last.last_on::text, '') AS sort_key,
          f.id AS case_file_id, NULL::uuid AS person_id, last.last_on AS date, NULL::uuid AS type_id,
          NULL::uuid AS person_municipality_id
        FROM files f
        CROSS JOIN LATERAL (SELECT max(i.occurred_on) AS last_on FROM interventions i
          WHERE i.entity_id = ${entityId} AND i.case_file_id = f.id) last
        WHERE f.opened_on <= ${d.yearAgo}::date
          AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.entity_id = ${entityId}
          AND i.case_file_id = f.id AND i.occurred_on > ${d.yearAgo}::date)`;
    case 'person_without_referent': {
      // A coordinator's teams' persons too: they are the ones who name a referent. The team
      // branch reaches them by team (a partial index) and the person scope decides.
      const ofTeams =
        scopeOf(viewer, 'persons.change_referent') === 'team'
          ? sql`UNION SELECT p.id, p.search_name FROM persons p
              WHERE p.team_id IN ${coordinatedTeams(viewer)} AND p.entity_id = ${entityId}
                AND p.referent_id IS NULL AND p.status = 'active'
                AND ${scopePredicate(viewer, 'persons.change_referent', {
                  own: () => sql`FALSE`,
                  team: PERSON_SCOPE.team,
                })}`
          : sql``;
      return sql`SELECT u.id AS row_id, u.search_name AS sort_key, NULL::uuid AS case_file_id,
          u.id AS person_id, NULL::date AS date, NULL::uuid AS type_id,
          NULL::uuid AS person_municipality_id
        FROM (SELECT DISTINCT m.person_id AS id, m.search_name FROM members m
          WHERE m.without_referent
          ${ofTeams}) u`;
    }
    case 'municipality_mismatch':
      return sql`SELECT m.case_file_id AS row_id,
          lpad(m.year::text, 4, '0') || '/' || lpad(m.seq::text, 7, '0') || ' ' || m.person_id::text
            AS sort_key,
          m.case_file_id, m.person_id, NULL::date AS date, NULL::uuid AS type_id,
          m.municipality_id AS person_municipality_id
        FROM members m WHERE m.municipality_id <> m.file_municipality_id`;
  }
}

const RESOURCE_KINDS: readonly AlertKind[] = ['resource_past_end', 'resource_pre_assigned'];
const MEMBER_KINDS: readonly AlertKind[] = ['person_without_referent', 'municipality_mismatch'];

/**
 * The sets two kinds each share, read once: the resources past their end or pre-assigned too
 * long (one probe of the resources per file, not one per kind), and the active members of the
 * files without a referent or living elsewhere (the persons read once: at a coordinator's
 * 9,000 open files, reading them twice was half the statement's time).
 */
function sharedCtes(kinds: readonly AlertKind[], entityId: string, d: AlertDates): SQL {
  const ctes: SQL[] = [];
  if (kinds.some((k) => RESOURCE_KINDS.includes(k))) {
    // Probed per file through the partial index (OFFSET 0 keeps the lateral a per-file probe:
    // joined, the planner hashes every pending resource of the entity instead).
    ctes.push(sql`, pending_resources AS MATERIALIZED (
      SELECT r.id, r.state, r.ends_on, r.recorded_on, r.person_id, r.type_id, f.id AS case_file_id
      FROM files f
      CROSS JOIN LATERAL (SELECT r.id, r.state, r.ends_on, r.recorded_on, r.person_id, r.type_id
        FROM resources r
        WHERE r.entity_id = ${entityId} AND r.case_file_id = f.id
          AND r.state IN ('granted', 'pre_assigned')
          AND ((r.state = 'granted' AND r.ends_on < ${d.today}::date)
            OR (r.state = 'pre_assigned' AND r.recorded_on < ${d.monthAgo}::date))
        OFFSET 0) r)`);
  }
  if (kinds.some((k) => MEMBER_KINDS.includes(k))) {
    ctes.push(sql`, members AS MATERIALIZED (
      SELECT f.id AS case_file_id, f.year, f.seq, f.municipality_id AS file_municipality_id,
        p.id AS person_id, p.search_name, p.municipality_id, p.referent_id IS NULL AS without_referent
      FROM files f
      JOIN case_file_members m ON m.entity_id = ${entityId} AND m.case_file_id = f.id
      JOIN persons p ON p.entity_id = ${entityId} AND p.id = m.person_id
      WHERE p.status = 'active'
        AND (p.referent_id IS NULL OR p.municipality_id <> f.municipality_id))`);
  }
  return sql.join(ctes, sql``);
}

/** How many records each of `kinds` holds for the viewer, in one statement. */
export async function alertCounts(
  tx: Tx,
  entityId: string,
  viewer: CaseFileViewer,
  kinds: readonly AlertKind[],
  dates: AlertDates,
): Promise<Partial<Record<AlertKind, number>>> {
  if (kinds.length === 0) return {};
  await jitOff(tx);
  const [row] = await rowsOf<Record<AlertKind, number>>(
    tx,
    alertCountsQuery(entityId, viewer, kinds, dates),
  );
  return row ?? {};
}

/** The statement of alertCounts (exported for EXPLAIN when measuring). */
export function alertCountsQuery(
  entityId: string,
  viewer: CaseFileViewer,
  kinds: readonly AlertKind[],
  dates: AlertDates,
): SQL {
  const columns = kinds.map(
    (kind) =>
      sql`(SELECT count(*)::int FROM (${kindRows(kind, entityId, viewer, dates)}) x) AS ${sql.identifier(kind)}`,
  );
  return sql`WITH ${filesCte(entityId, viewer)}${sharedCtes(kinds, entityId, dates)}
    SELECT ${sql.join(columns, sql`, `)}`;
}

export type AlertRow = {
  row_id: string;
  sort_key: string;
  case_file_id: string | null;
  year: number | null;
  seq: number | null;
  person_id: string | null;
  person_name: string | null;
  date: string | null;
  type_code: string | null;
  type_labels: Partial<Record<Language, string>> | null;
  person_municipality: string | null;
  case_file_municipality: string | null;
};

/** A page of one kind's records, oldest first (the most overdue): `limit` rows after `after`. */
export async function alertRecords(
  tx: Tx,
  entityId: string,
  viewer: CaseFileViewer,
  kind: AlertKind,
  dates: AlertDates,
  after: { key: string; id: string } | null,
  limit: number,
): Promise<AlertRow[]> {
  await jitOff(tx);
  return rowsOf<AlertRow>(
    tx,
    sql`WITH ${filesCte(entityId, viewer)}${sharedCtes([kind], entityId, dates)}
      SELECT k.row_id, k.sort_key, k.case_file_id, cf.year, cf.seq, k.person_id,
        concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS person_name,
        k.date::text AS date, ci.code AS type_code, ci.labels AS type_labels, pm.name AS person_municipality,
        cm.name AS case_file_municipality
      FROM (${kindRows(kind, entityId, viewer, dates)}) k
      LEFT JOIN case_files cf ON cf.entity_id = ${entityId} AND cf.id = k.case_file_id
      LEFT JOIN persons p ON p.entity_id = ${entityId} AND p.id = k.person_id
      LEFT JOIN catalogue_items ci ON ci.entity_id = ${entityId} AND ci.id = k.type_id
      LEFT JOIN municipalities pm ON pm.entity_id = ${entityId} AND pm.id = k.person_municipality_id
      LEFT JOIN municipalities cm ON cm.entity_id = ${entityId} AND cm.id = cf.municipality_id
        AND k.person_municipality_id IS NOT NULL
      ${after ? sql`WHERE (k.sort_key COLLATE "C", k.row_id) > (${after.key} COLLATE "C", ${after.id}::uuid)` : sql``}
      ORDER BY k.sort_key COLLATE "C", k.row_id
      LIMIT ${limit}`,
  );
}

/** The kinds the professional switched off or on again. */
export async function preferences(tx: Tx, entityId: string, professionalId: string) {
  return rowsOf<{ kind: AlertKind; enabled: boolean }>(
    tx,
    sql`SELECT kind, enabled FROM home_alert_preferences
      WHERE entity_id = ${entityId} AND professional_id = ${professionalId}`,
  );
}

export async function setPreference(
  tx: Tx,
  entityId: string,
  professionalId: string,
  kind: AlertKind,
  enabled: boolean,
): Promise<void> {
  await tx.execute(sql`INSERT INTO home_alert_preferences (entity_id, professional_id, kind, enabled)
    VALUES (${entityId}, ${professionalId}, ${kind}, ${enabled})
    ON CONFLICT (entity_id, professional_id, kind)
      DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`);
}

/**
 * The case files the professional read last (their own `case_file.read` audit rows, through a
 * partial index, the last 200 reads at most), newest read first, among those they still see.
 */
export async function recentCaseFiles(
  tx: Tx,
  entityId: string,
  viewer: CaseFileViewer,
  limit: number,
): Promise<SummaryRow[]> {
  return rowsOf<SummaryRow>(
    tx,
    sql`WITH reads AS (SELECT a.record_id::uuid AS id, max(a.at) AS at
        FROM (SELECT record_id, at FROM audit_log
          WHERE entity_id = ${entityId} AND actor_id = ${viewer.professionalId}
            AND action = 'case_file.read'
          ORDER BY at DESC LIMIT 200) a
        GROUP BY a.record_id)
      SELECT cf.id, cf.year, cf.seq, cf.scope, cf.state,
        cf.municipality_id, m.name AS municipality_name, cf.team_id, t.name AS team_name,
        cf.referent_id, r.given_name || ' ' || r.surnames AS referent_name,
        h.person_id AS holder_id, h.name AS holder_name,
        (SELECT count(*)::int FROM case_file_members c
          WHERE c.entity_id = cf.entity_id AND c.case_file_id = cf.id) AS member_count,
        cf.opened_on::text AS opened_on, cf.closed_on::text AS closed_on
      FROM reads
      JOIN case_files cf ON cf.entity_id = ${entityId} AND cf.id = reads.id
      JOIN municipalities m ON m.entity_id = cf.entity_id AND m.id = cf.municipality_id
      LEFT JOIN teams t ON t.entity_id = cf.entity_id AND t.id = cf.team_id
      LEFT JOIN professionals r ON r.entity_id = cf.entity_id AND r.id = cf.referent_id
      LEFT JOIN LATERAL (SELECT c.person_id,
          concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name
        FROM case_file_members c JOIN persons p ON p.entity_id = c.entity_id AND p.id = c.person_id
        WHERE c.entity_id = cf.entity_id AND c.case_file_id = cf.id AND c.role = 'holder') h ON true
      WHERE ${caseFileScope(viewer, 'case_files.view')}
      ORDER BY reads.at DESC, cf.id
      LIMIT ${limit}`,
  );
}
