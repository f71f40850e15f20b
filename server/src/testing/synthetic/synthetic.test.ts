import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login } from '../app';
import { NEEDS_POSTGRES, onPostgres, testDatabase } from '../database';
import { personStream, seededRandom } from '../persons-population';
import { idMaker } from './ids';
import { loadSynthetic } from './load';
import { copySink, insertSink } from './sink';

/**
 * The synthetic council the benchmark and the tests' populations come from: what it loads holds
 * to the domain's rules (members live in the case file's municipality, numbers per year without
 * gaps, content as the API presents it), its duplicates are written down, and a synthetic
 * technician works in it through the real API.
 */
describe('the synthetic council', () => {
  it('loads persons, case files with members and content, and planted duplicates that the API serves', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const code = `synthetic-test-${Date.now().toString(36)}`;
    const result = await loadSynthetic(db, insertSink(db), {
      entityCode: code,
      persons: 300,
      caseFiles: 600,
      seed: 5,
      duplicateRate: 0.08,
      contentPerFile: 3,
      password: 'synthetic-password-1',
      today: '2026-06-15',
    });
    expect(result.counts.persons).toBe(300);
    expect(result.counts.case_files).toBe(600);
    const content = ['interventions', 'demands', 'problems', 'resources', 'procedures']
      .map((t) => result.counts[t] ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(content / 600).toBeGreaterThan(2.6);
    expect(content / 600).toBeLessThan(3.4);
    expect(result.duplicates.length).toBeGreaterThan(5);
    expect(new Set(result.duplicates.map((d) => d.kind)).size).toBeGreaterThanOrEqual(4);

    const check = await db.asOwner(async (tx) => {
      const [misplaced] = await rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM case_file_members m
          JOIN case_files cf ON cf.entity_id = m.entity_id AND cf.id = m.case_file_id
          JOIN persons p ON p.entity_id = m.entity_id AND p.id = m.person_id
          WHERE m.entity_id = ${result.entityId} AND p.municipality_id <> cf.municipality_id`,
      );
      const [gaps] = await rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM (SELECT year, max(seq) - count(*) AS gap
          FROM case_files WHERE entity_id = ${result.entityId} GROUP BY year) g WHERE gap <> 0`,
      );
      const [duplicate] = await rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM persons
          WHERE entity_id = ${result.entityId}
            AND id IN (${result.duplicates[0]!.original}::uuid, ${result.duplicates[0]!.duplicate}::uuid)`,
      );
      return { misplaced: misplaced!.n, gaps: gaps!.n, duplicate: duplicate!.n };
    });
    expect(check).toEqual({ misplaced: 0, gaps: 0, duplicate: 2 });

    // A basic-services technician of the first team signs in and works on their case files.
    const tech = await login(app, code, 't1-tech-ssb-1', 'synthetic-password-1');
    const mine = await app.inject({
      method: 'GET',
      url: `/api/case-files?professionalId=${tech.me.id}&limit=5`,
      headers: tech.headers('ca'),
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBeGreaterThan(0);
    const timeline = await app.inject({
      method: 'GET',
      url: `/api/case-files/${mine.json().items[0].id}/timeline`,
      headers: tech.headers('ca'),
    });
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect(timeline.json().items.at(-1)).toMatchObject({
      kind: 'intervention',
      item: { event: 'opened' },
    });
  });

  it.skipIf(!onPostgres())(
    `loads by COPY over two connections with foreign keys checked once at the end, and refuses a load that breaks one (${onPostgres() ? 'PostgreSQL' : 'COPY ' + NEEDS_POSTGRES})`,
    async () => {
      const db = await testDatabase();
      const url = process.env.TEST_DATABASE_URL!;
      const code = `synthetic-copy-${Date.now().toString(36)}`;
      const sink = await copySink(url);
      try {
        const result = await loadSynthetic(db, sink, {
          entityCode: code,
          persons: 200,
          caseFiles: 400,
          seed: 3,
          duplicateRate: 0.05,
          contentPerFile: 3,
          password: 'synthetic-password-1',
          today: '2026-06-15',
        });
        const counted = await db.asOwner((tx) =>
          rowsOf<{ persons: number; files: number; members: number }>(
            tx,
            sql`SELECT (SELECT count(*)::int FROM persons WHERE entity_id = ${result.entityId}) AS persons,
              (SELECT count(*)::int FROM case_files WHERE entity_id = ${result.entityId}) AS files,
              (SELECT count(*)::int FROM case_file_members WHERE entity_id = ${result.entityId}) AS members`,
          ),
        );
        expect(counted[0]).toEqual({
          persons: 200,
          files: 400,
          members: result.counts.case_file_members,
        });
        // A member of a case file that does not exist: written (checks are off), then caught.
        await sink.keysOff();
        await sink.write(
          'case_file_members',
          ['entity_id', 'case_file_id', 'person_id', 'role', 'added_on'],
          [
            [
              result.entityId,
              idMaker(code)('case_file', 999_999),
              idMaker(code)('person', 1),
              'child',
              '2026-06-15',
            ],
          ],
        );
        await expect(sink.checkKeys(['case_file_members'], result.entityId)).rejects.toThrow(
          /Foreign keys broken: case_file_members_entity_id_case_file_id_fkey \(1 rows\)/,
        );
      } finally {
        await sink.close();
      }
    },
  );

  it('is deterministic: the same seed gives the same persons and ids', () => {
    const first = [...personStream(50, seededRandom(9), 4)];
    const again = [...personStream(50, seededRandom(9), 4)];
    expect(again).toEqual(first);
    expect(idMaker('a')('person', 7)).toBe(idMaker('a')('person', 7));
    expect(idMaker('a')('person', 7)).not.toBe(idMaker('b')('person', 7));
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => idMaker('a')('person', i)));
    expect(ids.size).toBe(10_000);
  });
});
