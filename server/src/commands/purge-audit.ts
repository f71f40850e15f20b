import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db/connect';

/** The shortest retention the law lets us keep access records for: six months. */
export const MIN_RETENTION_DAYS = 183;

/**
 * Deletes audit rows older than the retention, entity by entity. The application role cannot
 * delete audit rows: this maintenance command runs as the table owner (`asOwner`).
 */
export async function purgeAudit(
  database: Database,
  retentionDays: number,
  now = new Date(),
): Promise<{ deleted: number }> {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS) {
    throw new Error(`Audit retention must be at least ${MIN_RETENTION_DAYS} days`);
  }
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return database.asOwner(async (tx) => {
    const entities = await rowsOf<{ id: string }>(tx, sql`SELECT id FROM caliu_entity_directory()`);
    let deleted = 0;
    for (const { id } of entities) {
      await tx.execute(sql`SELECT set_config('app.entity_id', ${id}, true)`);
      const rows = await rowsOf<{ id: number }>(
        tx,
        sql`DELETE FROM audit_log WHERE at < ${cutoff} RETURNING id`,
      );
      deleted += rows.length;
    }
    return { deleted };
  });
}
