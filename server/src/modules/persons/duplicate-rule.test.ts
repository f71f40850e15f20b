import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DuplicatePairsPage } from '@caliu/common';
import { isValidDni, isValidNie, isValidPassport, normalizeDocument } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';
import { documentCandidates } from './search/parse';

/**
 * The person form's duplicate warning and the list of candidate duplicates ask the same rule:
 * the name rule is one piece of SQL (duplicate-rule.ts); document numbers are matched by
 * search/parse.ts#documentCandidates in the form (one typed number, in TypeScript) and by
 * caliu_document_forms in the list (every record's number, in SQL), which must agree.
 */
describe('the rule of a likely duplicate', () => {
  it('is the same for the form and the list, at the edge of the name rule too', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const session = await login(app, entity.code, pro.username);
    type Name = { givenName: string; firstSurname: string; secondSurname: string };
    const name = (givenName: string, firstSurname: string, secondSurname: string): Name => ({
      givenName,
      firstSurname,
      secondSurname,
    });
    // Each pair born on its own day; whether the rule holds is what both must say.
    const cases: { a: Name; b: Name; alike: boolean }[] = [
      // Similarity exactly 9/20, the threshold: alike.
      { a: name('Maria', 'Martí', 'Garcia'), b: name('Maria', 'Martí', 'Puig'), alike: true },
      // 3/7, just under it.
      { a: name('Maria', 'Martí', 'Garcia'), b: name('Maria', 'Martí', 'Serra'), alike: false },
      { a: name('Maria', 'Serra', 'Font'), b: name('Maria Carme', 'Serra', 'Font'), alike: true },
      { a: name('Joan', 'Roca', 'Pujol'), b: name('Juan', 'Roca', 'Pujol'), alike: true },
      // Twins.
      { a: name('Jose', 'Roca', 'Pujol'), b: name('Maria', 'Roca', 'Pujol'), alike: false },
    ];
    const created = [];
    for (const [i, c] of cases.entries()) {
      const birthDate = `1960-01-${String(i + 10)}`;
      const a = await createTestPerson(db, entity, { ...c.a, birthDate });
      const b = await createTestPerson(db, entity, { ...c.b, birthDate });
      created.push({ ...c, birthDate, ids: [a, b] });
    }

    const res = await app.inject({
      method: 'GET',
      url: '/api/persons/duplicates?limit=50',
      headers: session.headers('en'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const listed = new Set(
      (res.json() as DuplicatePairsPage).items.map((p) =>
        p.persons
          .map((x) => x.id)
          .sort()
          .join(),
      ),
    );
    for (const c of created) {
      const [a, b] = c.ids as [string, string];
      const check = await app.inject({
        method: 'POST',
        url: '/api/persons/duplicate-check',
        headers: session.headers('en'),
        payload: { ...c.a, birthDate: c.birthDate, excludeId: a },
      });
      expect(check.statusCode, check.body).toBe(200);
      const warned = (check.json().items as { id: string }[]).map((x) => x.id);
      const label = `${JSON.stringify(c.a)} / ${JSON.stringify(c.b)}`;
      expect(warned, `the form, ${label}`).toEqual(c.alike ? [b] : []);
      expect(listed.has([a, b].sort().join()), `the list, ${label}`).toBe(c.alike);
    }
    expect(listed.size).toBe(cases.filter((c) => c.alike).length);
  });

  it('matches documents alike in the form (TypeScript) and in the list (SQL)', async () => {
    const db = await testDatabase();
    // As typed: DNI and NIE with and without their letter, a DNI with and without its leading
    // zero, passports; spaced, dashed, in lower case. (Not a wrong check letter: the form refuses
    // it, and the search says which letter the number should have.)
    const typed = [
      '12345678Z',
      '12345678',
      '1234 5678-z',
      '01234567L',
      '01234567',
      '1234567L',
      '1234567',
      '123-4567-l',
      'X1234567L',
      'x-1234567-l',
      'X1234567',
      'Y 7654321',
      'z7654321',
      'AB123456',
      'ab-123 456',
      'P1234567',
      '123456789',
      '12345',
    ];
    // The numbers the person form may store: a valid DNI or NIE, or a passport that is neither.
    const dniOrNie = /^([0-9]{7,8}|[XYZ][0-9]{7})[A-Z]?$/;
    const storable = (numbers: string[]) =>
      [...new Set(numbers)]
        .filter((n) => isValidDni(n) || isValidNie(n) || (!dniOrNie.test(n) && isValidPassport(n)))
        .sort();
    const seen: Record<string, string[]> = {};
    for (const text of typed) {
      const number = normalizeDocument(text);
      const [row] = await db.asOwner((tx) =>
        rowsOf<{ forms: string[] }>(tx, sql`SELECT caliu_document_forms(${number}::text) AS forms`),
      );
      const inList = [number, ...row!.forms];
      const inForm = documentCandidates(number);
      // Both look for the same record in the form the person form stores it…
      expect(storable(inForm), text).toEqual(storable(inList));
      // …and every number the form's warning looks for, the list pairs on.
      expect(inList, text).toEqual(expect.arrayContaining(inForm));
      seen[text] = storable(inList);
    }
    expect(seen).toMatchObject({
      '12345678': ['12345678Z'],
      '1234 5678-z': ['12345678Z'],
      '01234567': ['01234567L'],
      '1234567': ['01234567L'],
      '123-4567-l': ['01234567L'],
      'x-1234567-l': ['X1234567L'],
      X1234567: ['X1234567L'],
      'Y 7654321': ['Y7654321G'],
      'ab-123 456': ['AB123456'],
      '123456789': ['123456789'],
    });
  });
});
