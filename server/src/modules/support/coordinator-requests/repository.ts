import type { CoordinatorRequestKind, Language, MovableKind, Scope } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../../db/connect';
import { type CaseFileViewer, visible } from '../../case-files/access';
import { personScope } from '../../persons/repository';
import { catalogueLabel } from '../../case-files/present';

/**
 * SQL of coordinator requests (issue 19): who they reach, the records they name as the requester
 * sees them, and the requests themselves. Records are named by id without foreign keys: one that
 * is gone since simply is not found here, and reads as deleted.
 */

const NAME = sql`concat_ws(' ', p.given_name, p.first_surname, p.second_surname)`;

/**
 * The persons among `ids` the viewer reaches with `persons.view_basic`, with their team — never a
 * tombstone of a merge (a request is about the record that remains).
 */
export async function visiblePersons(
  tx: Tx,
  entityId: string,
  viewerId: string,
  scope: Scope | undefined,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return rowsOf<{ id: string; name: string; team_id: string | null }>(
    tx,
    sql`SELECT p.id, ${NAME} AS name, p.team_id FROM persons p
      WHERE p.entity_id = ${entityId} AND p.id IN (${uuidList(ids)}) AND p.merged_into_id IS NULL
        AND ${personScope('persons.view_basic', scope, viewerId)}`,
  );
}

export type FileRow = {
  id: string;
  number: string;
  team_id: string | null;
  state: string;
  municipality_id: string;
  municipality_name: string | null;
  can_add_content: boolean;
};

/** The case file if the viewer sees it (`case_files.view`), with `content.edit` on it. */
export async function visibleCaseFile(
  tx: Tx,
  entityId: string,
  id: string,
  viewer: CaseFileViewer,
  canAdd: ReturnType<typeof sql>,
): Promise<FileRow | null> {
  const [row] = await rowsOf<FileRow>(
    tx,
    sql`SELECT cf.id, cf.year || '/' || lpad(cf.seq::text, 6, '0') AS number, cf.team_id, cf.state,
        cf.municipality_id, m.name AS municipality_name, ${canAdd} AS can_add_content
      FROM case_files cf
      LEFT JOIN municipalities m ON m.entity_id = cf.entity_id AND m.id = cf.municipality_id
      WHERE cf.entity_id = ${entityId} AND cf.id = ${id} AND ${visible(viewer)}`,
  );
  return row ?? null;
}

/** The id of the case file of that number, if the viewer sees it. */
export async function visibleNumber(
  tx: Tx,
  entityId: string,
  year: number,
  seq: number,
  viewer: CaseFileViewer,
) {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT cf.id FROM case_files cf WHERE cf.entity_id = ${entityId} AND cf.year = ${year}
      AND cf.seq = ${seq} AND ${visible(viewer)}`,
  );
  return row?.id ?? null;
}

/** Which of the persons are members of the case file. */
export async function memberIdsAmong(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return new Set<string>();
  const rows = await rowsOf<{ person_id: string }>(
    tx,
    sql`SELECT person_id FROM case_file_members WHERE entity_id = ${entityId}
      AND case_file_id = ${caseFileId} AND person_id IN (${uuidList(ids)})`,
  );
  return new Set(rows.map((r) => r.person_id));
}

const ITEM_TABLES: Record<MovableKind, { table: string; catalogue: string; date: string }> = {
  intervention: { table: 'interventions', catalogue: 'intervention_type', date: 'e.occurred_on' },
  demand: { table: 'demands', catalogue: 'demand', date: 'e.requested_on' },
  problem: { table: 'problems', catalogue: 'problem', date: 'e.started_on' },
  resource: {
    table: 'resources',
    catalogue: 'resource',
    date: 'coalesce(e.starts_on, e.recorded_on)',
  },
  procedure: {
    table: 'procedures',
    catalogue: 'procedure',
    date: 'coalesce(e.filed_on, e.recorded_on)',
  },
};

/** The items (of the case file) that exist, as words: their type and their day. */
export async function itemLabels(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  items: readonly { kind: MovableKind; id: string }[],
  language: Language,
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const kind of new Set(items.map((i) => i.kind))) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
    const k = ITEM_TABLES[kind];
    const rows = await rowsOf<{
      id: string;
      code: string | null;
      labels: Partial<Record<Language, string>> | null;
      day: string | null;
    }>(
      tx,
      sql`SELECT e.id, t.code, t.labels, (${sql.raw(k.date)})::text AS day
        FROM ${sql.identifier(k.table)} e
        LEFT JOIN catalogue_items t ON t.entity_id = e.entity_id AND t.id = e.type_id
        WHERE e.entity_id = ${entityId} AND e.case_file_id = ${caseFileId}
          AND e.id IN (${uuidList(ids)})`,
    );
    for (const row of rows) {
      const type = row.code
        ? catalogueLabel(k.catalogue as never, row.code, row.labels, language)
        : '';
      labels.set(`${kind}:${row.id}`, [type, row.day].filter(Boolean).join(' · '));
    }
  }
  return labels;
}

/**
 * The active coordinators of these teams (with the coordinator role, so that they hold
 * `support.coordinator_requests`), but not `exceptId` (whoever asks), by name.
 */
export async function coordinatorsOfTeams(
  tx: Tx,
  entityId: string,
  teamIds: readonly string[],
  exceptId: string,
) {
  if (teamIds.length === 0) return [];
  return rowsOf<{ id: string; name: string }>(
    tx,
    sql`SELECT DISTINCT pr.id, pr.given_name || ' ' || pr.surnames AS name
      FROM team_memberships tm
      JOIN professionals pr ON pr.entity_id = tm.entity_id AND pr.id = tm.professional_id
      WHERE tm.entity_id = ${entityId} AND tm.team_id IN (${uuidList(teamIds)})
        AND tm.is_coordinator AND pr.active AND 'coordinator' = ANY (pr.roles)
        AND pr.id <> ${exceptId}
      ORDER BY name, pr.id`,
  );
}

/** The teams the professional belongs to. */
export async function teamsOf(tx: Tx, entityId: string, professionalId: string) {
  const rows = await rowsOf<{ team_id: string }>(
    tx,
    sql`SELECT team_id FROM team_memberships WHERE entity_id = ${entityId}
      AND professional_id = ${professionalId}`,
  );
  return rows.map((r) => r.team_id);
}

export type RequestRow = {
  id: string;
  kind: CoordinatorRequestKind;
  status: 'open' | 'done' | 'declined';
  requester_id: string;
  requester_name: string;
  case_file_id: string | null;
  person_ids: string[];
  items: { kind: MovableKind; id: string }[];
  target_number: string | null;
  note: string;
  closed_by: string | null;
  closed_by_name: string | null;
  closed_reason: string | null;
  created_at: Date;
  closed_at: Date | null;
  coordinators: { id: string; name: string }[];
  /** A recipient, or a coordinator of its teams once every recipient is inactive. */
  addressed_to_me: boolean;
};

/**
 * Whether the request, open, is left with no active recipient (its coordinators were deactivated
 * since) and `me` coordinates a team of its requester or of its records: then it is theirs too.
 */
const orphanedFor = (me: string) => sql`(r.status = 'open'
  AND NOT EXISTS (SELECT 1 FROM coordinator_request_recipients o
    JOIN professionals op ON op.entity_id = o.entity_id AND op.id = o.coordinator_id
    WHERE o.entity_id = r.entity_id AND o.request_id = r.id AND op.active)
  AND EXISTS (SELECT 1 FROM team_memberships mine
    WHERE mine.entity_id = r.entity_id AND mine.professional_id = ${me} AND mine.is_coordinator
      AND mine.team_id IN (
        SELECT team_id FROM case_files WHERE entity_id = r.entity_id AND id = r.case_file_id
        UNION SELECT team_id FROM persons WHERE entity_id = r.entity_id AND id = ANY (r.person_ids)
        -- The requester's teams only for records of no team, as when it was sent.
        UNION SELECT team_id FROM team_memberships
          WHERE entity_id = r.entity_id AND professional_id = r.requester_id
            AND NOT EXISTS (SELECT 1 FROM case_files
              WHERE entity_id = r.entity_id AND id = r.case_file_id AND team_id IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM persons
              WHERE entity_id = r.entity_id AND id = ANY (r.person_ids) AND team_id IS NOT NULL))))`;

const addressedTo = (me: string) => sql`(EXISTS (SELECT 1 FROM coordinator_request_recipients rr
    WHERE rr.entity_id = r.entity_id AND rr.request_id = r.id AND rr.coordinator_id = ${me})
  OR ${orphanedFor(me)})`;

const requestColumns = (
  me: string,
) => sql`${addressedTo(me)} AS addressed_to_me, r.id, r.kind, r.status, r.requester_id,
  rq.given_name || ' ' || rq.surnames AS requester_name, r.case_file_id, r.person_ids, r.items,
  r.target_number, r.note, r.closed_by, cb.given_name || ' ' || cb.surnames AS closed_by_name,
  r.closed_reason, r.created_at, r.closed_at,
  coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.given_name || ' ' || c.surnames)
      ORDER BY c.given_name, c.surnames, c.id)
    FROM coordinator_request_recipients rr
    JOIN professionals c ON c.entity_id = rr.entity_id AND c.id = rr.coordinator_id
    WHERE rr.entity_id = r.entity_id AND rr.request_id = r.id), '[]'::json) AS coordinators`;
const REQUEST_JOINS = sql`JOIN professionals rq ON rq.entity_id = r.entity_id AND rq.id = r.requester_id
  LEFT JOIN professionals cb ON cb.entity_id = r.entity_id AND cb.id = r.closed_by`;

function normalize(row: RequestRow): RequestRow {
  return {
    ...row,
    created_at: new Date(row.created_at),
    closed_at: row.closed_at ? new Date(row.closed_at) : null,
    items: typeof row.items === 'string' ? JSON.parse(row.items) : row.items,
    coordinators:
      typeof row.coordinators === 'string' ? JSON.parse(row.coordinators) : row.coordinators,
  };
}

export async function insertRequest(
  tx: Tx,
  values: {
    entityId: string;
    kind: CoordinatorRequestKind;
    requesterId: string;
    caseFileId: string | null;
    personIds: string[];
    items: { kind: MovableKind; id: string }[];
    targetNumber: string | null;
    note: string;
    createdAt: Date;
    coordinatorIds: string[];
  },
): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO coordinator_requests (entity_id, kind, requester_id, case_file_id, person_ids,
        items, target_number, note, created_at)
      VALUES (${values.entityId}, ${values.kind}, ${values.requesterId}, ${values.caseFileId},
        ${`{${values.personIds.join(',')}}`}::uuid[], ${JSON.stringify(values.items)}::jsonb,
        ${values.targetNumber}, ${values.note}, ${values.createdAt})
      RETURNING id`,
  );
  const id = row!.id;
  for (const coordinatorId of values.coordinatorIds) {
    await tx.execute(sql`INSERT INTO coordinator_request_recipients (entity_id, request_id,
        coordinator_id) VALUES (${values.entityId}, ${id}, ${coordinatorId})`);
  }
  return id;
}

export async function findRequest(
  tx: Tx,
  entityId: string,
  id: string,
  me: string,
  lock = false,
): Promise<RequestRow | null> {
  const [row] = await rowsOf<RequestRow>(
    tx,
    sql`SELECT ${requestColumns(me)} FROM coordinator_requests r ${REQUEST_JOINS}
      WHERE r.entity_id = ${entityId} AND r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
  return row ? normalize(row) : null;
}

/** The requests of a requester, or addressed to a coordinator, newest first (keyset paged). */
export async function listRequests(
  tx: Tx,
  entityId: string,
  filter: {
    role: 'requester' | 'coordinator';
    professionalId: string;
    status: 'open' | 'done' | 'declined' | 'all';
    limit: number;
    after: { at: Date; id: string } | null;
  },
): Promise<RequestRow[]> {
  const who =
    filter.role === 'requester'
      ? sql`r.requester_id = ${filter.professionalId}`
      : addressedTo(filter.professionalId);
  const status = filter.status === 'all' ? sql`TRUE` : sql`r.status = ${filter.status}`;
  const after = filter.after
    ? sql`(r.created_at, r.id) < (${filter.after.at}, ${filter.after.id})`
    : sql`TRUE`;
  const rows = await rowsOf<RequestRow>(
    tx,
    sql`SELECT ${requestColumns(filter.professionalId)} FROM coordinator_requests r ${REQUEST_JOINS}
      WHERE r.entity_id = ${entityId} AND ${who} AND ${status} AND ${after}
      ORDER BY r.created_at DESC, r.id DESC LIMIT ${filter.limit + 1}`,
  );
  return rows.map(normalize);
}

export async function closeRequest(
  tx: Tx,
  entityId: string,
  id: string,
  values: { status: 'done' | 'declined'; closedBy: string; reason: string | null; at: Date },
) {
  await tx.execute(sql`UPDATE coordinator_requests SET status = ${values.status},
      closed_by = ${values.closedBy}, closed_reason = ${values.reason}, closed_at = ${values.at}
    WHERE entity_id = ${entityId} AND id = ${id}`);
}

/** Names of persons that still exist (whoever reads a request sees the names it was sent with). */
export async function personNames(tx: Tx, entityId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await rowsOf<{ id: string; name: string }>(
    tx,
    sql`SELECT p.id, ${NAME} AS name FROM persons p
      WHERE p.entity_id = ${entityId} AND p.id IN (${uuidList(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function caseFileNumber(tx: Tx, entityId: string, id: string) {
  const [row] = await rowsOf<{ number: string }>(
    tx,
    sql`SELECT year || '/' || lpad(seq::text, 6, '0') AS number FROM case_files
      WHERE entity_id = ${entityId} AND id = ${id}`,
  );
  return row?.number ?? null;
}

/** A professional's address, name and language, for an email. */
export async function mailOf(tx: Tx, entityId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rowsOf<{
    id: string;
    email: string;
    given_name: string;
    language: Language | null;
    active: boolean;
  }>(
    tx,
    sql`SELECT id, email, given_name, language, active FROM professionals
      WHERE entity_id = ${entityId} AND id IN (${uuidList(ids)})`,
  );
}

/** For the diagnosis: the person, where they live, whether deceased, whether a member. */
export async function personForDiagnosis(
  tx: Tx,
  entityId: string,
  personId: string,
  caseFileId: string,
  viewerId: string,
  scope: Scope | undefined,
) {
  const [row] = await rowsOf<{
    id: string;
    name: string;
    status: string;
    municipality_id: string | null;
    municipality_name: string | null;
    member: boolean;
  }>(
    tx,
    sql`SELECT p.id, ${NAME} AS name, p.status, p.municipality_id, m.name AS municipality_name,
        EXISTS (SELECT 1 FROM case_file_members c WHERE c.entity_id = p.entity_id
          AND c.case_file_id = ${caseFileId} AND c.person_id = p.id) AS member
      FROM persons p
      LEFT JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
      WHERE p.entity_id = ${entityId} AND p.id = ${personId}
        AND ${personScope('persons.view_basic', scope, viewerId)}`,
  );
  return row ?? null;
}
