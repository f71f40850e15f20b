import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { DuplicatePairsPage } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { buildTestApp, login, type Session } from '../../../testing/app';
import { testDatabase } from '../../../testing/database';
import { evidenceCount } from '../../../testing/evidence';
import { type DuplicatePair, loadSynthetic } from '../../../testing/synthetic/load';
import { insertSink } from '../../../testing/synthetic/sink';

/** `npm test`: 3,000 persons (two teams); `npm run test:long`: 50,000 (five teams). */
const PERSONS = evidenceCount(3_000, 50_000);
const PASSWORD = 'synthetic-password-1';

/**
 * The duplicates list on a generated council: the generator plants copies of persons (a typo,
 * surnames swapped, the second surname missing, accents dropped, the document on one side only)
 * and writes down which; the coordinator of the first team must find ≥ 95% of the pairs planted
 * among their team's persons, and nothing of another team.
 */
describe('candidate duplicates on a generated population', () => {
  let app: FastifyInstance;
  let coordinator: Session;
  let planted: DuplicatePair[];
  let teamOf: Map<string, string>;
  let team: string;

  beforeAll(async () => {
    ({ app } = await buildTestApp());
    const db = await testDatabase();
    const entityCode = `dup-${Date.now().toString(36)}`;
    const loaded = await loadSynthetic(db, insertSink(db), {
      entityCode,
      persons: PERSONS,
      caseFiles: 10,
      seed: 16,
      duplicateRate: 0.05,
      contentPerFile: 1,
      password: PASSWORD,
      today: '2026-06-15',
    });
    planted = loaded.duplicates;
    coordinator = await login(app, entityCode, 't1-coordinator-1', PASSWORD);
    const rows = await db.asOwner((tx) =>
      rowsOf<{ id: string; team_id: string }>(
        tx,
        sql`SELECT id, team_id FROM persons WHERE entity_id = ${loaded.entityId}`,
      ),
    );
    teamOf = new Map(rows.map((r) => [r.id, r.team_id]));
    // The one team the coordinator belongs to, and coordinates.
    const [membership] = await db.asOwner((tx) =>
      rowsOf<{ team_id: string }>(
        tx,
        sql`SELECT m.team_id FROM team_memberships m
          WHERE m.entity_id = ${loaded.entityId} AND m.professional_id = ${coordinator.me.id}
            AND m.is_coordinator`,
      ),
    );
    team = membership!.team_id;
  }, 1_800_000);

  it("finds ≥ 95% of the planted pairs among the persons of the coordinator's team, and no other team's", async () => {
    const found: string[][] = [];
    let cursor: string | null = null;
    let total = 0;
    const times: number[] = [];
    do {
      const started = performance.now();
      const res = await app.inject({
        method: 'GET',
        url: `/api/persons/duplicates?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        headers: coordinator.headers(),
      });
      times.push(performance.now() - started);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as DuplicatePairsPage;
      total = page.total;
      found.push(...page.items.map((p) => p.persons.map((x) => x.id).sort()));
      cursor = page.nextCursor;
    } while (cursor);
    expect(found.length).toBe(total);

    // Only the team's persons.
    const outside = found.flat().filter((id) => teamOf.get(id) !== team);
    expect(outside).toEqual([]);

    const key = (a: string, b: string) => [a, b].sort().join();
    const foundKeys = new Set(found.map(([a, b]) => key(a!, b!)));
    const inTeam = planted.filter(
      (p) => teamOf.get(p.original) === team && teamOf.get(p.duplicate) === team,
    );
    const missed = inTeam.filter((p) => !foundKeys.has(key(p.original, p.duplicate)));
    const recall = (inTeam.length - missed.length) / inTeam.length;

    // Precision: a pair found is right when it is planted, or joins two copies of one person
    // (two copies of the same original are the same human too, though not written down as a pair).
    const root = new Map<string, string>();
    const find = (id: string): string => {
      const parent = root.get(id);
      return parent && parent !== id ? find(parent) : id;
    };
    for (const p of planted) root.set(find(p.duplicate), find(p.original));
    const plantedKeys = new Set(planted.map((p) => key(p.original, p.duplicate)));
    const exact = found.filter(([a, b]) => plantedKeys.has(key(a!, b!))).length;
    const sameHuman = found.filter(([a, b]) => find(a!) === find(b!)).length;

    const ms = (n: number) => `${n.toFixed(0)} ms`;
    console.log(
      `duplicates on ${PERSONS} persons: ${inTeam.length} pairs planted in the team, recall ` +
        `${(100 * recall).toFixed(1)}%; ${found.length} pairs listed, precision ` +
        `${((100 * sameHuman) / Math.max(1, found.length)).toFixed(1)}% (the same human), ` +
        `${((100 * exact) / Math.max(1, found.length)).toFixed(1)}% (a pair written down); ` +
        `pages of 50: first ${ms(times[0]!)}, median ${ms([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!)}`,
    );
    if (missed.length > 0) {
      console.log(`  missed by kind: ${missed.map((p) => p.kind).join(', ')}`);
    }
    expect(inTeam.length).toBeGreaterThan(40);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(sameHuman / found.length).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
