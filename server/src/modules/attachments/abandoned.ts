import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import type { Chore } from '../../platform/messaging/worker';
import * as repo from './removal-repository';

/** Uploads looked at per round of the clean-up. */
const BATCH = 100;
/** How often the worker looks for abandoned uploads. */
export const ABANDONED_CHECK_EVERY_MS = 5 * 60 * 1000;

/**
 * Deletes the uploads still `uploading` an hour after their last chunk (or creation),
 * ATTACHMENT_ABANDONED_AFTER_MS by the database's clock, with their chunks: found across entities
 * by the one function that may (ids only, the cut-off its own), each deleted behind its own
 * entity's wall in a short transaction of its own. They were never visible: nothing to audit.
 * Answers how many went.
 */
export async function removeAbandonedUploads(
  database: Database,
  entities: readonly string[] | null = null,
): Promise<number> {
  let removed = 0;
  // Bounded: an upload that a chunk revives meanwhile is skipped, not looked at again and again.
  for (let round = 0; round < 100; round++) {
    const found = await database.anonymous((tx) => repo.abandoned(tx, BATCH, entities));
    for (const upload of found) {
      const gone = await database.tenant(upload.entity_id, (tx) =>
        repo.deleteAbandoned(tx, upload.entity_id, upload.id),
      );
      if (gone) removed++;
    }
    if (found.length < BATCH) break;
  }
  return removed;
}

/** The clean-up as a chore of the outbox worker (entities: those the worker serves). */
export function abandonedUploadsChore(database: Database, config: Config): Chore {
  return {
    name: 'abandoned-uploads',
    everyMs: ABANDONED_CHECK_EVERY_MS,
    run: () => removeAbandonedUploads(database, config.outbox.entities),
  };
}
