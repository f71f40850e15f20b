import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { entities, professionals } from '../../db/schema';

const accountColumns = {
  id: professionals.id,
  username: professionals.username,
  givenName: professionals.givenName,
  email: professionals.email,
  language: professionals.language,
  entityCode: entities.code,
  entityName: entities.name,
  entityLanguage: entities.defaultLanguage,
};

/** An active professional who has not activated the account yet. */
export async function findActivatable(tx: Tx, professionalId: string) {
  const [row] = await tx
    .select(accountColumns)
    .from(professionals)
    .innerJoin(entities, eq(entities.id, professionals.entityId))
    .where(
      and(
        eq(professionals.id, professionalId),
        eq(professionals.active, true),
        isNull(professionals.activatedAt),
      ),
    )
    .limit(1)
    .for('update', { of: professionals });
  return row ?? null;
}

/** An active professional with a password, by id or by email (case-insensitive). */
export async function findActiveAccount(
  tx: Tx,
  by: { id: string } | { email: string } | { username: string },
) {
  const [row] = await tx
    .select(accountColumns)
    .from(professionals)
    .innerJoin(entities, eq(entities.id, professionals.entityId))
    .where(
      and(
        'id' in by
          ? eq(professionals.id, by.id)
          : 'username' in by
            ? eq(professionals.username, by.username)
            : sql`lower(${professionals.email}) = lower(${by.email})`,
        eq(professionals.active, true),
        isNotNull(professionals.passwordHash),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function setPassword(
  tx: Tx,
  professionalId: string,
  passwordHash: string,
  activatedAt?: Date,
) {
  await tx
    .update(professionals)
    .set({ passwordHash, updatedAt: sql`now()`, ...(activatedAt ? { activatedAt } : {}) })
    .where(eq(professionals.id, professionalId));
}
