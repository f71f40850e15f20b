import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, login, type Session } from '../../../testing/app';
import { testDatabase } from '../../../testing/database';
import { evidenceCount } from '../../../testing/evidence';
import { createTestEntity, createTestProfessional } from '../../../testing/factories';
import { loadPopulation } from '../../../testing/persons-factories';
import {
  generatePopulation,
  seededRandom,
  type SyntheticPerson,
} from '../../../testing/persons-population';
import {
  foldName,
  fullName,
  variantsOf,
  type VariantKind,
} from '../../../testing/persons-variants';

/** `npm test`: 2,000 persons, 50 sampled; `npm run test:long`: 10,000 persons, 200 sampled. */
const POPULATION = evidenceCount(2_000, 10_000);
const SAMPLED = evidenceCount(50, 200);

type Item = { id: string; givenName: string; firstSurname: string; secondSurname: string | null };

/**
 * The search as professionals use it, on thousands of realistic persons: each sampled person is
 * searched by variants of their name (reordered, unaccented, one typo, second surname missing).
 * A hit: the person among the first 5 results, or behind only persons of exactly the same
 * accent-folded name.
 */
describe('person search hit rate', () => {
  let app: FastifyInstance;
  let session: Session;
  let people: SyntheticPerson[];
  let ids: string[];

  beforeAll(async () => {
    ({ app } = await buildTestApp());
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, {
      roles: ['aux_admin'],
      teams: [entity.teams.north],
    });
    session = await login(app, entity.code, pro.username);
    people = generatePopulation(POPULATION, { seed: 2026 });
    ids = await loadPopulation(
      db,
      {
        entityId: entity.id,
        places: [
          { municipalityId: entity.municipalities.north1, teamId: entity.teams.north },
          { municipalityId: entity.municipalities.north2, teamId: entity.teams.north },
          { municipalityId: entity.municipalities.south, teamId: entity.teams.south },
        ],
      },
      people,
    );
  }, 180_000);

  it(`finds ≥ 95% of ${SAMPLED} sampled persons by variants of their name`, async () => {
    const random = seededRandom(99);
    const sample = new Set<number>();
    while (sample.size < SAMPLED) sample.add(Math.floor(random() * POPULATION));
    const totals: Record<VariantKind, { hits: number; total: number }> = {
      reordered: { hits: 0, total: 0 },
      unaccented: { hits: 0, total: 0 },
      typo: { hits: 0, total: 0 },
      no_second_surname: { hits: 0, total: 0 },
    };
    const misses: string[] = [];
    for (const index of sample) {
      const person = people[index]!;
      const own = foldName(fullName(person));
      for (const variant of variantsOf(person, random)) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/persons?q=${encodeURIComponent(variant.query)}&limit=50`,
          headers: session.headers(),
        });
        expect(res.statusCode).toBe(200);
        const items = (res.json() as { items: Item[] }).items;
        const rank = items.findIndex((i) => i.id === ids[index]);
        const hit =
          rank >= 0 &&
          (rank < 5 || items.slice(0, rank).every((i) => foldName(fullName(i)) === own));
        totals[variant.kind].total++;
        if (hit) totals[variant.kind].hits++;
        else
          misses.push(
            `${variant.kind}: "${variant.query}" for "${fullName(person)}" → rank ${rank}`,
          );
      }
    }
    const hits = Object.values(totals).reduce((n, t) => n + t.hits, 0);
    const total = Object.values(totals).reduce((n, t) => n + t.total, 0);
    const rate = (100 * hits) / total;
    console.log(`search hit rate on ${POPULATION} persons: ${rate.toFixed(1)}% (${hits}/${total})`);
    for (const [kind, t] of Object.entries(totals)) {
      console.log(`  ${kind}: ${((100 * t.hits) / t.total).toFixed(1)}% (${t.hits}/${t.total})`);
    }
    if (misses.length > 0) console.log(`  misses (synthetic names):\n    ${misses.join('\n    ')}`);
    expect(rate).toBeGreaterThanOrEqual(95);
  }, 300_000);
});
