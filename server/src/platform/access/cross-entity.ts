import type { Database, Tx } from '../../db/connect';
import { writeAudit } from '../audit';
import { actorOf, type RequestContext } from '../context';
import { forbidden } from '../errors';

export type DirectoryEntry = { id: string; code: string; name: string; kind: string };

/**
 * The one path across tenant walls: the support agent's. It checks the role, audits the use in
 * the support entity (what, why, which entity) and runs `fn` behind the target entity's wall, so
 * a cross-entity read is never implicit. Callers show only what an operation needs (names,
 * numbers, counts), never the content of interventions.
 */
export async function asSupportAgent<T>(
  database: Database,
  ctx: RequestContext,
  purpose: string,
  targetEntityId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { auth } = ctx;
  if (!auth.roles.includes('support_agent') || auth.entity.kind !== 'provider') throw forbidden();
  await database.tenant(auth.entity.id, (tx) =>
    writeAudit(tx, actorOf(ctx), {
      action: 'support.cross_entity_read',
      recordType: 'entity',
      recordId: targetEntityId,
      details: { purpose },
    }),
  );
  return database.tenant(targetEntityId, fn);
}
