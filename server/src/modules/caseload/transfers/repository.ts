import type { CaseloadTransferStatus, OperationLine } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidArray } from '../../../db/connect';

/**
 * The coordinators' caseload transfers (issue 21, docs/decisions/0011): their rows, read with the
 * names they show, behind the tenant wall. A pending transfer past its time reads as `expired`
 * (no job moves it): `now` is the app's clock.
 */

export type TransferOptions = {
  caseFiles: 'open_and_closed' | 'open_only';
  persons: boolean;
  agenda: boolean;
};

export type TransferRow = {
  id: string;
  status: CaseloadTransferStatus;
  requested_by: string;
  requested_by_name: string;
  from_professional_id: string;
  from_name: string;
  to_professional_id: string;
  to_name: string;
  options: TransferOptions;
  reason: string;
  team_ids: string[];
  requested_lines: OperationLine[];
  requested_fingerprint: string;
  requested_at: Date | string;
  expires_at: Date | string;
  decided_by_name: string | null;
  decided_at: Date | string | null;
  result: OperationLine[] | null;
  /** The reader coordinates one of the transfer's teams (a possible approver). */
  in_my_teams: boolean;
};

/** The teams `professionalId` coordinates (their ids, sorted). */
export async function coordinatedTeamIds(tx: Tx, professionalId: string): Promise<string[]> {
  const rows = await rowsOf<{ team_id: string }>(
    tx,
    sql`SELECT team_id FROM team_memberships
      WHERE professional_id = ${professionalId} AND is_coordinator ORDER BY team_id`,
  );
  return rows.map((r) => r.team_id);
}

/** Which of `professionalIds` are members (or coordinators) of one of `teamIds`. */
export async function membersOf(
  tx: Tx,
  teamIds: readonly string[],
  professionalIds: readonly string[],
): Promise<Set<string>> {
  const rows = await rowsOf<{ professional_id: string }>(
    tx,
    sql`SELECT DISTINCT professional_id FROM team_memberships
      WHERE team_id = ANY(${uuidArray(teamIds)})
        AND professional_id = ANY(${uuidArray(professionalIds)})`,
  );
  return new Set(rows.map((r) => r.professional_id));
}

export async function insertTransfer(
  tx: Tx,
  row: {
    entityId: string;
    requestedBy: string;
    from: string;
    to: string;
    options: TransferOptions;
    reason: string;
    teamIds: readonly string[];
    lines: readonly OperationLine[];
    fingerprint: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const [inserted] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO caseload_transfers (entity_id, requested_by, from_professional_id,
        to_professional_id, options, reason, team_ids, requested_lines, requested_fingerprint,
        requested_at, expires_at)
      VALUES (${row.entityId}, ${row.requestedBy}, ${row.from}, ${row.to},
        ${JSON.stringify(row.options)}::jsonb, ${row.reason}, ${uuidArray(row.teamIds)},
        ${JSON.stringify(row.lines)}::jsonb, ${row.fingerprint}, ${row.now}, ${row.expiresAt})
      RETURNING id`,
  );
  return inserted!.id;
}

const selectTransfers = (readerId: string, now: Date) => sql`SELECT t.id,
    CASE WHEN t.status = 'pending' AND t.expires_at < ${now} THEN 'expired' ELSE t.status END
      AS status,
    t.requested_by, rb.given_name || ' ' || rb.surnames AS requested_by_name,
    t.from_professional_id, f.given_name || ' ' || f.surnames AS from_name,
    t.to_professional_id, o.given_name || ' ' || o.surnames AS to_name,
    t.options, t.reason, t.team_ids, t.requested_lines, t.requested_fingerprint, t.requested_at,
    t.expires_at, coalesce(t.decided_by_name, d.given_name || ' ' || d.surnames) AS decided_by_name,
    t.decided_at, t.result,
    EXISTS (SELECT 1 FROM team_memberships tm WHERE tm.professional_id = ${readerId}
      AND tm.is_coordinator AND tm.team_id = ANY(t.team_ids)) AS in_my_teams
  FROM caseload_transfers t
  JOIN professionals rb ON rb.entity_id = t.entity_id AND rb.id = t.requested_by
  JOIN professionals f ON f.entity_id = t.entity_id AND f.id = t.from_professional_id
  JOIN professionals o ON o.entity_id = t.entity_id AND o.id = t.to_professional_id
  LEFT JOIN professionals d ON d.entity_id = t.entity_id AND d.id = t.decided_by`;

/** One transfer (locked for the decision when `lock`), or null. */
export async function findTransfer(
  tx: Tx,
  id: string,
  readerId: string,
  now: Date,
  lock = false,
): Promise<TransferRow | null> {
  const [row] = await rowsOf<TransferRow>(
    tx,
    sql`${selectTransfers(readerId, now)} WHERE t.id = ${id} ${lock ? sql`FOR UPDATE OF t` : sql``}`,
  );
  return row ?? null;
}

/** A pending transfer of any council as a support agent's list reads it: lines as counts only. */
export type AgentTransferRow = TransferRow & {
  entity_id: string;
  entity_code: string;
  entity_name: string;
};

/**
 * The pending transfers of every council, soonest to expire first (at most 200), through the
 * SECURITY DEFINER function of migration 0027: called in the agent's own entity.
 */
export async function pendingAcrossEntities(tx: Tx, now: Date): Promise<AgentTransferRow[]> {
  const rows = await rowsOf<
    Omit<AgentTransferRow, 'requested_lines'> & {
      requested_counts: Omit<OperationLine, 'items'>[];
    }
  >(tx, sql`SELECT * FROM caliu_support_caseload_transfers(${now})`);
  return rows.map(({ requested_counts, ...row }) => ({
    ...row,
    status: 'pending',
    requested_lines: requested_counts.map((line) => ({ ...line, items: [] })),
    team_ids: [],
    requested_fingerprint: '',
    decided_by_name: null,
    decided_at: null,
    result: null,
    in_my_teams: false,
  }));
}

/**
 * What the reader's home page lists: pending transfers of teams they coordinate (not expired),
 * and their own requests since `since`; newest first.
 */
export async function listTransfers(
  tx: Tx,
  readerId: string,
  now: Date,
  since: Date,
): Promise<TransferRow[]> {
  return rowsOf<TransferRow>(
    tx,
    sql`${selectTransfers(readerId, now)}
      WHERE (t.requested_by = ${readerId} AND t.requested_at >= ${since})
        OR (t.status = 'pending' AND t.expires_at >= ${now}
          AND t.team_ids && ARRAY(SELECT tm.team_id FROM team_memberships tm
            WHERE tm.professional_id = ${readerId} AND tm.is_coordinator))
      ORDER BY t.requested_at DESC, t.id
      LIMIT 200`,
  );
}

/** Who decided: a professional of the entity, or a support agent (their id and name kept). */
export type Decider = { professionalId: string } | { agentId: string; name: string };

/** The decision: done (with what moved) or cancelled. */
export async function decide(
  tx: Tx,
  id: string,
  decision: {
    status: 'done' | 'cancelled';
    decidedBy: Decider;
    now: Date;
    result?: readonly OperationLine[];
  },
): Promise<void> {
  const by = decision.decidedBy;
  const professionalId = 'professionalId' in by ? by.professionalId : null;
  const agent = 'agentId' in by ? by : null;
  await tx.execute(sql`UPDATE caseload_transfers
    SET status = ${decision.status}, decided_by = ${professionalId},
      decided_by_agent_id = ${agent?.agentId ?? null}, decided_by_name = ${agent?.name ?? null},
      decided_at = ${decision.now},
      result = ${decision.result ? JSON.stringify(decision.result) : null}::jsonb
    WHERE id = ${id} AND status = 'pending'`);
}
