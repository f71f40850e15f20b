import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/src/db/connect';
import { seededRandom } from '../../server/src/testing/persons-population';
import { fullName, withTypo } from '../../server/src/testing/persons-variants';
import type { BenchContext } from './context';
import type { HttpScenario } from './http';

/**
 * `search`: the persons search box as professionals use it — 80% full names as recorded, 20%
 * with one typo in a word of four letters or more — sent by several signed-in technicians.
 */
export async function searchScenario(context: BenchContext): Promise<HttpScenario> {
  const { database, entityId } = context;
  const sample = await database.asOwner((tx) =>
    rowsOf<{ givenName: string; firstSurname: string; secondSurname: string | null }>(
      tx,
      sql`SELECT given_name AS "givenName", first_surname AS "firstSurname",
          second_surname AS "secondSurname"
        FROM persons WHERE entity_id = ${entityId}
        ORDER BY md5(id::text) LIMIT ${context.requests}`,
    ),
  );
  const random = seededRandom(7);
  const queries = sample.map((person, i) =>
    i % 5 === 4 ? (withTypo(person, random) ?? fullName(person)) : fullName(person),
  );
  return {
    name: 'search',
    requests: queries.map((q, i) => ({
      path: `/api/persons?q=${encodeURIComponent(q)}&limit=20`,
      session: context.sessions[i % context.sessions.length]!.session,
    })),
    rate: 100,
    p99TargetMs: 30,
    ratioTarget: 0.5,
    connections: context.connections,
  };
}
