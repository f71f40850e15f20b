import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/connect';
import { secondFactorRecoveryCodes, secondFactors } from '../../db/schema';

/**
 * Reads the installation key `name`, creating it first when missing. Runs as the owner: the
 * table is in the schema caliu_private, out of the application role's reach (and so, on purpose,
 * not in the Drizzle schema of the application's tables).
 */
export async function readOrCreateServerKey(tx: Tx, name: string, fresh: Buffer): Promise<Buffer> {
  await tx.execute(sql`INSERT INTO caliu_private.server_keys (name, key)
    VALUES (${name}, ${fresh}) ON CONFLICT (name) DO NOTHING`);
  const [row] = await rowsOf<{ key: Buffer | Uint8Array }>(
    tx,
    sql`SELECT key FROM caliu_private.server_keys WHERE name = ${name}`,
  );
  if (!row) throw new Error(`The installation key ${name} could not be read`);
  return Buffer.from(row.key);
}

export async function findSecondFactor(tx: Tx, professionalId: string) {
  const [row] = await tx
    .select()
    .from(secondFactors)
    .where(eq(secondFactors.professionalId, professionalId))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** Starts (or restarts) an enrolment: a new secret, not confirmed, and new recovery codes. */
export async function replacePendingSecondFactor(
  tx: Tx,
  values: { entityId: string; professionalId: string; secretCiphertext: Buffer },
  recoveryCodeHashes: Buffer[],
) {
  await tx
    .insert(secondFactors)
    .values({ ...values, confirmedAt: null, lastTimeStep: null })
    .onConflictDoUpdate({
      target: secondFactors.professionalId,
      set: { secretCiphertext: values.secretCiphertext, confirmedAt: null, lastTimeStep: null },
    });
  await tx
    .delete(secondFactorRecoveryCodes)
    .where(eq(secondFactorRecoveryCodes.professionalId, values.professionalId));
  await tx.insert(secondFactorRecoveryCodes).values(
    recoveryCodeHashes.map((codeHash) => ({
      entityId: values.entityId,
      professionalId: values.professionalId,
      codeHash,
    })),
  );
}

export async function confirmSecondFactor(
  tx: Tx,
  professionalId: string,
  timeStep: number,
  now: Date,
) {
  await tx
    .update(secondFactors)
    .set({ confirmedAt: now, lastTimeStep: timeStep })
    .where(eq(secondFactors.professionalId, professionalId));
}

/** Records the time step of a used code, refusing it when that step (or a later one) was used. */
export async function useTimeStep(tx: Tx, professionalId: string, timeStep: number) {
  const updated = await tx
    .update(secondFactors)
    .set({ lastTimeStep: timeStep })
    .where(
      and(
        eq(secondFactors.professionalId, professionalId),
        sql`(${secondFactors.lastTimeStep} IS NULL OR ${secondFactors.lastTimeStep} < ${timeStep})`,
      ),
    )
    .returning({ id: secondFactors.professionalId });
  return updated.length === 1;
}

/** Uses up an unused recovery code of the professional; answers whether there was one. */
export async function useRecoveryCode(tx: Tx, professionalId: string, codeHash: Buffer) {
  const used = await tx
    .update(secondFactorRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(secondFactorRecoveryCodes.professionalId, professionalId),
        eq(secondFactorRecoveryCodes.codeHash, codeHash),
        isNull(secondFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: secondFactorRecoveryCodes.id });
  return used.length > 0;
}

export async function countUnusedRecoveryCodes(tx: Tx, professionalId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(secondFactorRecoveryCodes)
    .where(
      and(
        eq(secondFactorRecoveryCodes.professionalId, professionalId),
        isNull(secondFactorRecoveryCodes.usedAt),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function deleteSecondFactor(tx: Tx, professionalId: string) {
  await tx
    .delete(secondFactorRecoveryCodes)
    .where(eq(secondFactorRecoveryCodes.professionalId, professionalId));
  await tx.delete(secondFactors).where(eq(secondFactors.professionalId, professionalId));
}
