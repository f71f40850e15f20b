import { Readable } from 'node:stream';
import type { Database } from '../../db/connect';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { readChunk } from './chunk-repository';
import * as repo from './repository';
import { auditDownload } from './trace';

/**
 * A download: the attachment found in the viewer's sight (or "not found"), the read audited for
 * the persons it concerns, then its chunks streamed one short query each as the client takes
 * them — never the whole file in memory, never a transaction open while the client reads.
 */
export async function openDownload(deps: AppDeps, ctx: RequestContext, id: string) {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const row = await deps.database.tenant(entityId, async (tx) => {
    const found = await repo.findVisible(tx, auth, id, deps.clock.now());
    if (!found) throw notFound('attachment');
    await auditDownload(tx, actorOf(ctx), found);
    return found;
  });
  return { row, body: chunkStream(deps.database, entityId, id, row.chunk_count) };
}

/**
 * The file's bytes: chunk i is fetched, in its own transaction, when the consumer wants more.
 * A Readable asks again only once what it holds drops below its high-water mark, so at most a
 * chunk or two are in memory whatever the file's size. A chunk gone meanwhile (the attachment
 * deleted) ends the stream with an error: the client sees a broken download, not a short file.
 */
export function chunkStream(
  database: Database,
  entityId: string,
  id: string,
  chunks: number,
): Readable {
  let next = 0;
  return new Readable({
    async read() {
      if (next >= chunks) {
        this.push(null);
        return;
      }
      try {
        const index = next;
        const data = await database.tenant(entityId, (tx) => readChunk(tx, entityId, id, index));
        if (!data) throw new Error('attachment chunk missing');
        next++;
        this.push(data);
      } catch {
        // A fixed message: a driver's may repeat the query's parameters.
        this.destroy(new Error('attachment chunk unreadable'));
      }
    },
  });
}
