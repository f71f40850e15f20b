import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/connect';
import { writeAudit } from '../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../platform/context';
import { AppError, notFound } from '../platform/errors';
import { revokeFeedsOf } from '../modules/agenda/feeds';
import { endSessionsOf } from '../modules/auth/repository';
import * as professionals from '../modules/professionals/repository';
import { assertNotLastAdministrator } from '../modules/professionals/rules';
import { REFERENT_REFERENCES } from './referent-registry';

export type DeactivateProfessionalProps = { professionalId: string };

export type DeactivateProfessionalResult = {
  /** False when the professional was inactive already: nothing changed. */
  deactivated: boolean;
  sessionsEnded: number;
};

/**
 * The administrator deactivates a professional of their entity, in one transaction: never
 * themself, nor the last active administrator (the administrators are locked first, always in
 * one order, so that two removing each other are serialized); refused while the professional is
 * referent of anything (commands/referent-registry.ts), listing what to transfer first. Every
 * session of theirs ends at once; their team memberships stay, for a reactivation.
 */
export async function deactivateProfessional(
  deps: AppDeps,
  ctx: RequestContext,
  { professionalId: id }: DeactivateProfessionalProps,
): Promise<DeactivateProfessionalResult> {
  const now = deps.clock.now();
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const administrators = await professionals.lockActiveAdministrators(tx);
    const current = await professionals.lockProfessional(tx, id);
    if (!current) throw notFound('professional');
    if (id === ctx.auth.professionalId) throw new AppError('professional.deactivate_self', 409);
    if (!current.active) return { deactivated: false, sessionsEnded: 0 };
    assertNotLastAdministrator(administrators, id);
    const blockers = await referencesTo(tx, id, now);
    if (blockers.length) {
      const items = blockers.map((b) => ctx.t(`identity.referents.${b.what}`, { count: b.count }));
      throw new AppError(
        'professional.is_referent',
        409,
        { name: `${current.givenName} ${current.surnames}`, items: items.join(', ') },
        blockers.map((b, i) => ({ field: b.what, message: items[i]! })),
      );
    }
    await professionals.setActive(tx, id, false, now);
    const sessionsEnded = await endSessionsOf(tx, id, 'deactivated');
    await revokeFeedsOf(tx, id, now);
    await writeAudit(tx, actorOf(ctx), {
      action: 'professional.deactivate',
      recordType: 'professional',
      recordId: id,
      details: { sessionsEnded },
    });
    return { deactivated: true, sessionsEnded };
  });
}

/** How many rows of each referent table name the professional (behind the tenant wall). */
async function referencesTo(
  tx: Tx,
  professionalId: string,
  now: Date,
): Promise<{ what: string; count: number }[]> {
  const counts: { what: string; count: number }[] = [];
  for (const ref of REFERENT_REFERENCES) {
    const [row] = await rowsOf<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(ref.table)}
          WHERE ${sql.identifier(ref.column)} = ${professionalId}
            ${ref.pending ? sql`AND ${ref.pending(now)}` : sql``}`,
    );
    if (row && row.n > 0) counts.push({ what: ref.what, count: row.n });
  }
  return counts;
}
