import { sql } from 'drizzle-orm';
import type { Language } from '@caliu/common';
import { type Database, rowsOf, type Tx } from '../../db/connect';
import { writeAudit } from '../audit';
import { actorOf, type RequestContext } from '../context';
import { forbidden, notFound } from '../errors';

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

/**
 * A support agent's read across entities, as `asSupportAgent` does it: only an agent of the
 * service provider's entity, audited there (`support.cross_entity_read` with its purpose and,
 * when the read names one, the entity), then `fn` in the agent's own entity, where the
 * SECURITY DEFINER functions (migrations 0020, 0027) answer metadata only.
 */
export async function acrossEntitiesAsAgent<T>(
  database: Database,
  ctx: RequestContext,
  purpose: string,
  targetEntityId: string | null,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { auth } = ctx;
  if (!auth.roles.includes('support_agent') || auth.entity.kind !== 'provider') throw forbidden();
  return database.tenant(auth.entity.id, async (tx) => {
    await writeAudit(tx, actorOf(ctx), {
      action: 'support.cross_entity_read',
      recordType: 'entity',
      ...(targetEntityId ? { recordId: targetEntityId } : {}),
      details: { purpose },
    });
    return fn(tx);
  });
}

/**
 * The agent's request as if made in `entityId` (its id, zone, name and language), for the
 * commands an agent runs there behind its wall; "not found" when no such entity.
 */
export async function contextInEntity(
  tx: Tx,
  ctx: RequestContext,
  entityId: string,
): Promise<RequestContext> {
  const [entity] = await rowsOf<{
    id: string;
    code: string;
    name: string;
    kind: 'council' | 'provider';
    time_zone: string;
    default_language: Language;
  }>(
    tx,
    sql`SELECT id, code, name, kind, time_zone, default_language FROM entities
      WHERE id = ${entityId}`,
  );
  if (!entity) throw notFound('entity');
  return {
    ...ctx,
    auth: {
      ...ctx.auth,
      entity: {
        id: entity.id,
        code: entity.code,
        name: entity.name,
        kind: entity.kind,
        timeZone: entity.time_zone,
        defaultLanguage: entity.default_language,
      },
    },
  };
}
