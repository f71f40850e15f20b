import { sql } from 'drizzle-orm';
import type { OperationKind, OperationLine, OperationResult } from '@caliu/common';
import { rowsOf, type Tx } from '../../../db/connect';

/** The SQL of `support_operations` (migration 0024): one row per ticket whose operation ran. */

type Row = {
  kind: OperationKind;
  result: { lines: OperationLine[] };
  run_by_name: string;
  ran_at: Date | string;
};

const present = (row: Row): OperationResult => ({
  kind: row.kind,
  lines: row.result.lines,
  ranAt: new Date(row.ran_at).toISOString(),
  ranBy: row.run_by_name,
});

/** The operation run from the ticket, or null. */
export async function findOperation(
  tx: Tx,
  entityId: string,
  ticketId: string,
): Promise<OperationResult | null> {
  const [row] = await rowsOf<Row>(
    tx,
    sql`SELECT kind, result, run_by_name, ran_at FROM support_operations
      WHERE entity_id = ${entityId} AND ticket_id = ${ticketId}`,
  );
  return row ? present(row) : null;
}

/** Records that the ticket's operation ran (its primary key makes a second run impossible). */
export async function insertOperation(
  tx: Tx,
  v: {
    entityId: string;
    ticketId: string;
    kind: OperationKind;
    lines: OperationLine[];
    agentId: string;
    agentName: string;
    now: Date;
  },
): Promise<OperationResult> {
  const [row] = await rowsOf<Row>(
    tx,
    sql`INSERT INTO support_operations (entity_id, ticket_id, kind, result, run_by_agent_id,
        run_by_name, ran_at)
      VALUES (${v.entityId}, ${v.ticketId}, ${v.kind}, ${JSON.stringify({ lines: v.lines })}::jsonb,
        ${v.agentId}, ${v.agentName.slice(0, 300)}, ${v.now.toISOString()})
      RETURNING kind, result, run_by_name, ran_at`,
  );
  return present(row!);
}
