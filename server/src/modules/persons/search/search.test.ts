import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, login, type Session } from '../../../testing/app';
import { testDatabase } from '../../../testing/database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
} from '../../../testing/factories';
import { createTestPerson, loadPopulation } from '../../../testing/persons-factories';
import { generatePopulation } from '../../../testing/persons-population';
import { foldName } from '../../../testing/persons-variants';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../db/connect';
import { deletionsOf, NAME_PARTICLES } from './parse';

type Item = { id: string; givenName: string; firstSurname: string; match: string };
type WrongCheckLetter = { typed: string; number: string; expected: string } | null;

describe('person search', () => {
  let app: FastifyInstance;
  let entity: TestEntity;
  let session: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ app } = await buildTestApp());
    const db = await testDatabase();
    entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    session = await login(app, entity.code, pro.username);
    // A background of 2,000 realistic persons, so that common surnames are common.
    await loadPopulation(
      db,
      {
        entityId: entity.id,
        places: [{ municipalityId: entity.municipalities.north1, teamId: entity.teams.north }],
      },
      generatePopulation(2000, { seed: 7 }),
    );
    ids.garcia = await createTestPerson(db, entity, {
      givenName: 'María',
      firstSurname: 'García',
      secondSurname: 'López',
      birthDate: '1950-03-14',
      documentType: 'dni',
      documentNumber: '12345678Z',
    });
    ids.puig = await createTestPerson(db, entity, {
      givenName: 'Núria',
      firstSurname: 'Puig',
      secondSurname: 'i Vidal',
      documentType: 'nie',
      documentNumber: 'X1234567L',
    });
    ids.marti = await createTestPerson(db, entity, {
      givenName: 'Xavier',
      firstSurname: 'Martí',
      secondSurname: null,
    });
    ids.fuente = await createTestPerson(db, entity, {
      givenName: 'Pedro',
      firstSurname: 'de la Fuente',
      secondSurname: 'Ruiz',
    });
    ids.amico = await createTestPerson(db, entity, {
      givenName: 'Giulia',
      firstSurname: "D'Amico",
      secondSurname: null,
    });
    ids.amrani = await createTestPerson(db, entity, {
      givenName: 'Fátima',
      firstSurname: 'El Amrani',
      secondSurname: 'Bennani',
    });
  }, 120_000);

  async function search(q: string, limit = 20) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/persons?q=${encodeURIComponent(q)}&limit=${limit}`,
      headers: session.headers(),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Item[];
      nextCursor: string | null;
      wrongCheckLetter?: WrongCheckLetter;
    };
  }

  async function rankOf(q: string, id: string) {
    return (await search(q)).items.findIndex((i) => i.id === id);
  }

  it('finds "García López" typed as garcia lopez, Garica Lopez and lopez garcia', async () => {
    for (const q of ['garcia lopez', 'Garica Lopez', 'lopez garcia']) {
      const rank = await rankOf(q, ids.garcia!);
      expect(rank, q).toBeGreaterThanOrEqual(0);
      expect(rank, q).toBeLessThan(5);
    }
  });

  it('finds "María García López" by her whole name in any order, first and as an exact match', async () => {
    const { items } = await search('LÓPEZ garcía maria');
    expect(items[0]?.id).toBe(ids.garcia);
    expect(items[0]?.match).toBe('exact');
  });

  it('finds "Núria Puig i Vidal" typed as Nuria Puig', async () => {
    const { items } = await search('Nuria Puig');
    const rank = items.findIndex((i) => i.id === ids.puig);
    // Other "Núria Puig …" of the population match as well as she does.
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(5);
    for (const above of items.slice(0, rank)) {
      expect(foldName(`${above.givenName} ${above.firstSurname}`)).toBe('nuria puig');
    }
    expect(await rankOf('puig i vidal nuria', ids.puig!)).toBe(0);
  });

  it('finds "Xavier Martí" typed as Xavier Marti', async () => {
    const { items } = await search('Xavier Marti');
    expect(items[0]?.id).toBe(ids.marti);
    expect(items[0]?.match).toBe('exact');
  });

  it('tolerates one typo (insertion, deletion, substitution, transposition) in a word of 4+ letters', async () => {
    for (const q of ['Xavier Martii', 'Xavier Mrti', 'Xavier Morti', 'Xaiver Marti']) {
      const { items } = await search(q);
      expect(
        items.findIndex((i) => i.id === ids.marti),
        q,
      ).toBeGreaterThanOrEqual(0);
      expect(
        items.findIndex((i) => i.id === ids.marti),
        q,
      ).toBeLessThan(5);
    }
    const found = (await search('Xaiver Marti')).items.find((i) => i.id === ids.marti);
    expect(found?.match).toBe('approximate');
  });

  it('finds surnames with particles and apostrophes', async () => {
    expect(await rankOf('fuente pedro', ids.fuente!)).toBeLessThan(5);
    expect(await rankOf('de la fuente ruiz', ids.fuente!)).toBe(0);
    expect(await rankOf('giulia damico', ids.amico!)).toBe(0);
    expect(await rankOf("d'amico", ids.amico!)).toBeGreaterThanOrEqual(0);
  });

  it('finds a person by document, with or without its letter, in any case', async () => {
    for (const q of [
      '12345678Z',
      '12345678z',
      '12345678',
      '12.345.678-Z',
      'x1234567l',
      'X1234567',
    ]) {
      const { items } = await search(q);
      const expected = q.toLowerCase().startsWith('x') ? ids.puig : ids.garcia;
      expect(items[0]?.id, q).toBe(expected);
      expect(items[0]?.match, q).toBe('document');
    }
  });

  it('finds surnames written without their space, or with one a name does not have', async () => {
    // The population has other El Amranis: they may come first, nobody else.
    for (const q of ['Elamrani', 'elamr', 'El-Amrani']) {
      const { items } = await search(q);
      const rank = items.findIndex((i) => i.id === ids.amrani);
      expect(rank, q).toBeGreaterThanOrEqual(0);
      for (const above of items.slice(0, rank)) expect(above.firstSurname, q).toBe('El Amrani');
    }
    for (const q of ['fatima elamrani', 'Elamrani Bennani']) {
      expect(await rankOf(q, ids.amrani!), q).toBe(0);
    }
    expect(await rankOf('fatima elamrani bennani', ids.amrani!)).toBe(0);
    expect(await rankOf('Delafuente Ruiz', ids.fuente!)).toBe(0);
    expect(await rankOf('pedro dela fuente', ids.fuente!)).toBe(0);
    expect(await rankOf('giulia d amico', ids.amico!)).toBe(0);
    // The words must follow each other in the name: "Amrani El" is not "Elamrani".
    const { items } = await search('fatima amranibennani');
    expect(items.map((i) => i.id)).toContain(ids.amrani);
    expect((await search('fatima bennanielamrani')).items.map((i) => i.id)).not.toContain(
      ids.amrani,
    );
  });

  it('finds a DNI or NIE typed with a wrong check letter by its number, and says so', async () => {
    const garcia = await search('12345678A');
    expect(garcia.items.map((i) => i.id)).toEqual([ids.garcia]);
    expect(garcia.items[0]?.match).toBe('document');
    expect(garcia.wrongCheckLetter).toEqual({
      typed: '12345678A',
      number: '12345678',
      expected: 'Z',
    });
    const puig = await search('x-1234567-a');
    expect(puig.items.map((i) => i.id)).toEqual([ids.puig]);
    expect(puig.wrongCheckLetter).toEqual({
      typed: 'X1234567A',
      number: 'X1234567',
      expected: 'L',
    });
    // Nobody has the number either: the answer still says why nothing matched.
    const nobody = await search('87654321A');
    expect(nobody.items).toEqual([]);
    expect(nobody.wrongCheckLetter).toEqual({
      typed: '87654321A',
      number: '87654321',
      expected: 'X',
    });
    for (const q of ['12345678Z', '12345678', 'garcia']) {
      expect((await search(q)).wrongCheckLetter ?? null, q).toBeNull();
    }
  });

  it('pages through results without repeating anyone', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/persons?q=garcia&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.inject({ method: 'GET', url, headers: session.headers() });
      const page = res.json() as { items: Item[]; nextCursor: string | null };
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBeGreaterThan(1);
    expect(seen.has(ids.garcia!)).toBe(true);
  });

  it('refuses a cursor that is not one of ours, in words, instead of starting again', async () => {
    const past = Buffer.from(JSON.stringify({ o: 5000 })).toString('base64url');
    for (const cursor of ['0123456789abcdef-0123456789abcdef-0123', past, 'eyJvIjotMX0']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/persons?q=garcia&cursor=${cursor}`,
        headers: session.headers('es'),
      });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().error.code).toBe('common.invalid_cursor');
    }
  });

  it('answers nothing for a query too short to search, and recent persons without a query', async () => {
    expect((await search('a')).items).toEqual([]);
    expect((await search('')).items.length).toBeGreaterThan(0);
  });

  it('shows only persons of the user’s entity', async () => {
    const db = await testDatabase();
    const other = await createTestEntity(db);
    const stranger = await createTestPerson(db, other, {
      givenName: 'Xavier',
      firstSurname: 'Martí',
    });
    const { items } = await search('Xavier Marti');
    expect(items.map((i) => i.id)).toContain(ids.marti);
    expect(items.map((i) => i.id)).not.toContain(stranger);
  });

  it('agrees with the database on particles and one-letter deletions', async () => {
    const db = await testDatabase();
    const [row] = await db.anonymous((tx) =>
      rowsOf<{ particles: number; more: number; deletions: string[] }>(
        tx,
        sql`SELECT caliu_significant_words(${NAME_PARTICLES.join(' ')}) AS particles,
          caliu_significant_words(${`${NAME_PARTICLES.join(' ')} puig`}) AS more,
          caliu_deletions('garcía') AS deletions`,
      ),
    );
    expect(row).toMatchObject({ particles: 0, more: 1 });
    expect([...row!.deletions].sort()).toEqual(deletionsOf('garcía').sort());
  });
  it('looks for typos only when nobody is named exactly what was typed', async () => {
    const db = await testDatabase();
    const near = await createTestPerson(db, entity, {
      givenName: 'Xavir',
      firstSurname: 'Martí',
      secondSurname: null,
    });
    // Typed whole and found: the one-typo neighbour is not offered.
    const exact = await search('Xavier Marti');
    expect(exact.items[0]?.id).toBe(ids.marti);
    expect(exact.items.map((i) => i.id)).not.toContain(near);
    // Found only by a word's start: typos are still looked for.
    const partial = await search('Xavie Marti');
    expect(partial.items.find((i) => i.id === ids.marti)?.match).toBe('partial');
    expect(partial.items.find((i) => i.id === near)?.match).toBe('approximate');
  });
});
