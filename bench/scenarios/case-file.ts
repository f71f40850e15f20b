import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/src/db/connect';
import type { BenchContext } from './context';
import type { HttpScenario } from './http';

/**
 * `case-file`: a technician opens one of their case files as the console does — header,
 * members and abilities, the first 20 entries of its timeline, the scope checked in SQL and both
 * reads audited for each member — in one request.
 */
export async function caseFileScenario(context: BenchContext): Promise<HttpScenario> {
  const { database, entityId } = context;
  const byUsername = new Map(context.sessions.map((s) => [s.username, s.session]));
  const files = await database.asOwner((tx) =>
    rowsOf<{ id: string; username: string }>(
      tx,
      sql`SELECT cf.id, p.username FROM case_files cf
        JOIN professionals p ON p.entity_id = cf.entity_id AND p.id = cf.referent_id
        WHERE cf.entity_id = ${entityId}
          AND p.username IN (${sql.join(
            [...byUsername.keys()].map((u) => sql`${u}`),
            sql`, `,
          )})
        ORDER BY md5(cf.id::text) LIMIT ${context.requests}`,
    ),
  );
  return {
    name: 'case-file',
    requests: files.map((file) => ({
      path: `/api/case-files/${file.id}?timeline=20`,
      session: byUsername.get(file.username)!,
    })),
    rate: 200,
    p99TargetMs: 20,
    ratioTarget: 0.5,
    connections: context.connections,
  };
}
