import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { supportTickets } from '../../db/schema';
import { decodeCursor } from '../../platform/pagination';

export async function listTicketsOfRequester(
  tx: Tx,
  requesterId: string,
  limit: number,
  cursor: string | undefined,
) {
  const after = decodeCursor(cursor);
  return tx
    .select()
    .from(supportTickets)
    .where(
      and(
        eq(supportTickets.requesterId, requesterId),
        after
          ? or(
              lt(supportTickets.createdAt, after.at),
              and(eq(supportTickets.createdAt, after.at), lt(supportTickets.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(supportTickets.createdAt), desc(supportTickets.id))
    .limit(limit + 1);
}
