import { ATTACHMENT_ABANDONED_AFTER_MS } from '@caliu/common';
import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import type { Chore } from '../../platform/messaging/worker';
import * as repo from './removal-repository';

/** Uploads looked at per round of the clean-up. */
const BATCH = 100;
/** How often the worker looks for abandoned uploads. */
export const ABANDONED_CHECK_EVERY_MS = 5 * 60 * 1000;

/**
 * Deletes the uploads still `uploading` whose last chunk (or creation) is older than
 * ATTACHMENT_ABANDONED_AFTER_MS at `now`, with their chunks: found across entities by the one
 * function that may (ids only), each deleted behind its own entity's wall in a short transaction
 * of its own. They were never visible: nothing to audit. Answers how many went.
 */
export async function removeAbandonedUploads(
  database: Database,
  now: Date,
  entities: readonly string[] | null = null,
): Promise<number> {
  const before = new Date(now.getTime() - ATTACHMENT_ABANDONED_AFTER_MS);
  let removed = 0;
  // Bounded: an upload that a chunk revives meanwhile is skipped, not looked at again and again.
  for (let round = 0; round < 100; round++) {
    const found = await database.anonymous((tx) => repo.abandoned(tx, before, BATCH, entities));
    for (const upload of found) {
      const gone = await database.tenant(upload.entity_id, (tx) =>
        repo.deleteAbandoned(tx, upload.entity_id, upload.id, before),
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
    run: (now) => removeAbandonedUploads(database, now, config.outbox.entities),
  };
}
