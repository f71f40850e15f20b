import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Language, Role } from '@caliu/common';
import { type Db, rowsOf, type Tx } from '../../db/connect';
import type { CaseloadCover } from '../../platform/context';
import { loginChallenges, professionals, secondFactors, sessions } from '../../db/schema';

export type EntityForLogin = {
  id: string;
  code: string;
  name: string;
  kind: 'council' | 'provider';
  defaultLanguage: Language;
  timeZone: string;
  requiresSecondFactor: boolean;
};

type EntityRow = {
  id: string;
  code: string;
  name: string;
  kind: 'council' | 'provider';
  default_language: Language;
  time_zone: string;
  requires_second_factor: boolean;
};

function entityForLogin(row: EntityRow | undefined): EntityForLogin | null {
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    defaultLanguage: row.default_language,
    timeZone: row.time_zone,
    requiresSecondFactor: row.requires_second_factor,
  };
}

/** An entity read outside its wall by its code (tools and the demo), through a SECURITY DEFINER function. */
export async function findEntityByCode(tx: Tx, code: string): Promise<EntityForLogin | null> {
  const rows = await rowsOf<EntityRow>(tx, sql`SELECT * FROM caliu_entity_by_code(${code})`);
  return entityForLogin(rows[0]);
}

/**
 * The entity a person names at sign-in or in a password reset: its code, or its name with any
 * accents and capitals when no other entity has that name (caliu_entity_for_login).
 */
export async function findEntityForLogin(
  tx: Tx,
  codeOrName: string,
): Promise<EntityForLogin | null> {
  const rows = await rowsOf<EntityRow>(
    tx,
    sql`SELECT * FROM caliu_entity_for_login(${codeOrName})`,
  );
  return entityForLogin(rows[0]);
}

export async function findProfessionalForLogin(tx: Tx, username: string) {
  const [row] = await tx
    .select({
      id: professionals.id,
      passwordHash: professionals.passwordHash,
      active: professionals.active,
      secondFactorConfirmed: sql<boolean>`(${secondFactors.confirmedAt} IS NOT NULL)`,
    })
    .from(professionals)
    .leftJoin(secondFactors, eq(secondFactors.professionalId, professionals.id))
    .where(eq(professionals.username, username.toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** The professional's password hash, for a check of the current password. */
export async function findPasswordHash(tx: Tx, professionalId: string) {
  const [row] = await tx
    .select({ passwordHash: professionals.passwordHash, username: professionals.username })
    .from(professionals)
    .where(and(eq(professionals.id, professionalId), eq(professionals.active, true)))
    .limit(1);
  return row ?? null;
}

export async function insertSession(
  tx: Tx,
  values: {
    entityId: string;
    professionalId: string;
    tokenHash: Buffer;
    idleExpiresAt: Date;
    absoluteExpiresAt: Date;
  },
) {
  const [row] = await tx.insert(sessions).values(values).returning({ id: sessions.id });
  return row!.id;
}

export type SessionRow = {
  sessionId: string;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  professionalId: string;
  username: string;
  givenName: string;
  surnames: string;
  language: Language | null;
  roles: Role[];
  entityId: string;
  entityCode: string;
  entityName: string;
  entityKind: 'council' | 'provider';
  entityTimeZone: string;
  entityLanguage: Language;
  entityRequiresSecondFactor: boolean;
  secondFactorConfirmed: boolean;
  /** The caseloads the professional covers today (caseload_covers). */
  covers: CaseloadCover[];
};

type Dated<T> = { [K in keyof T]: T[K] extends Date ? Date | string : T[K] };

/**
 * A live session (not ended, not expired, its professional active) by the hash of its token, in
 * the entity its cookie names: one statement outside any transaction (caliu_live_session). Its
 * columns are named, so a prepared statement notices if the function's change them.
 */
export async function findLiveSession(
  db: Db,
  entityId: string,
  tokenHash: Buffer,
  now: Date,
): Promise<SessionRow | null> {
  const [row] = await rowsOf<Dated<SessionRow>>(
    db,
    sql`SELECT session_id AS "sessionId", last_seen_at AS "lastSeenAt",
        idle_expires_at AS "idleExpiresAt", absolute_expires_at AS "absoluteExpiresAt",
        professional_id AS "professionalId", username, given_name AS "givenName", surnames,
        language, roles, entity_id AS "entityId", entity_code AS "entityCode",
        entity_name AS "entityName", entity_kind AS "entityKind",
        entity_time_zone AS "entityTimeZone", entity_language AS "entityLanguage",
        entity_requires_second_factor AS "entityRequiresSecondFactor",
        second_factor_confirmed AS "secondFactorConfirmed", covers
      FROM caliu_live_session(${entityId}::uuid, ${tokenHash}, ${now.toISOString()}::timestamptz)`,
  );
  if (!row) return null;
  return {
    ...row,
    lastSeenAt: new Date(row.lastSeenAt),
    idleExpiresAt: new Date(row.idleExpiresAt),
    absoluteExpiresAt: new Date(row.absoluteExpiresAt),
  };
}

export async function touchSession(tx: Tx, sessionId: string, now: Date, idleExpiresAt: Date) {
  await tx
    .update(sessions)
    .set({ lastSeenAt: now, idleExpiresAt })
    .where(eq(sessions.id, sessionId));
}

export async function endSession(
  tx: Tx,
  sessionId: string,
  reason: NonNullable<typeof sessions.$inferSelect.endReason>,
) {
  await tx
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every live session of a professional (deactivation, password change), but `keep`. */
export async function endSessionsOf(
  tx: Tx,
  professionalId: string,
  reason: NonNullable<typeof sessions.$inferSelect.endReason>,
  keep?: string,
): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(
      and(
        eq(sessions.professionalId, professionalId),
        isNull(sessions.endedAt),
        keep ? ne(sessions.id, keep) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** The session of a token, if it is still open (for rotation at login). */
export async function findOpenSessionId(tx: Tx, tokenHash: Buffer): Promise<string | null> {
  const [row] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)))
    .limit(1);
  return row?.id ?? null;
}

export async function insertChallenge(
  tx: Tx,
  values: { entityId: string; professionalId: string; tokenHash: Buffer; expiresAt: Date },
) {
  await tx.insert(loginChallenges).values(values);
}

/** A challenge not used up nor expired, locked until the end of the transaction. */
export async function findLiveChallenge(tx: Tx, tokenHash: Buffer, now: Date) {
  const [row] = await tx
    .select({
      id: loginChallenges.id,
      professionalId: loginChallenges.professionalId,
      failures: loginChallenges.failures,
      username: professionals.username,
    })
    .from(loginChallenges)
    .innerJoin(professionals, eq(professionals.id, loginChallenges.professionalId))
    .where(
      and(
        eq(loginChallenges.tokenHash, tokenHash),
        isNull(loginChallenges.usedAt),
        gt(loginChallenges.expiresAt, now),
        eq(professionals.active, true),
      ),
    )
    .limit(1)
    .for('update', { of: loginChallenges });
  return row ?? null;
}

/** Counts a wrong code; at `maxFailures` the challenge is used up. */
export async function failChallenge(tx: Tx, id: string, maxFailures: number) {
  await tx
    .update(loginChallenges)
    .set({
      failures: sql`${loginChallenges.failures} + 1`,
      usedAt: sql`CASE WHEN ${loginChallenges.failures} + 1 >= ${maxFailures} THEN now() ELSE NULL END`,
    })
    .where(eq(loginChallenges.id, id));
}

export async function useChallenge(tx: Tx, id: string) {
  await tx
    .update(loginChallenges)
    .set({ usedAt: sql`now()` })
    .where(eq(loginChallenges.id, id));
}

export async function setLanguage(tx: Tx, professionalId: string, language: Language | null) {
  await tx
    .update(professionals)
    .set({ language, updatedAt: sql`now()` })
    .where(eq(professionals.id, professionalId));
}
