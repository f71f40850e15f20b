import { describe, expect, it } from 'vitest';
import { buildTestApp, login, TEST_PASSWORD } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { DEMO_ENTITY_CODE, DEMO_LOGINS, seedDemo } from '../../demo/seed';

/** On the demo data, every role that sees persons finds the examples. */
describe('persons on the demo data', () => {
  it('every demo role that may see persons finds the examples, and a duplicate is caught', async () => {
    const { app } = await buildTestApp();
    await seedDemo(await testDatabase(), TEST_PASSWORD);
    const examples: [string, string][] = [
      ['garcia lopez', 'María García López'],
      ['Garica Lopez', 'María García López'],
      ['lopez garcia', 'María García López'],
      ['Nuria Puig', 'Núria Puig i Vidal'],
      ['Xavier Marti', 'Xavier Martí'],
      ['12345678z', 'María García López'],
      ['12345678', 'María García López'],
    ];
    const viewers = DEMO_LOGINS.filter((l) =>
      l.roles.some((r) => !['administrator', 'head_of_operations', 'support_agent'].includes(r)),
    );
    expect(viewers.length).toBeGreaterThanOrEqual(9);
    for (const demo of viewers) {
      const session = await login(app, DEMO_ENTITY_CODE, demo.username);
      for (const [q, expected] of examples) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/persons?q=${encodeURIComponent(q)}&limit=5`,
          headers: session.headers(),
        });
        expect(res.statusCode, `${demo.username}: ${q}`).toBe(200);
        const names = (
          res.json().items as { givenName: string; firstSurname: string; secondSurname: string }[]
        ).map((p) => [p.givenName, p.firstSurname, p.secondSurname].filter(Boolean).join(' '));
        expect(names, `${demo.username}: ${q}`).toContain(expected);
      }
    }

    const tech = await login(app, DEMO_ENTITY_CODE, 'tech-ssb');
    const check = await app.inject({
      method: 'POST',
      url: '/api/persons/duplicate-check',
      payload: { givenName: 'Maria', firstSurname: 'Garcia', birthDate: '1950-03-14' },
      headers: tech.headers(),
    });
    expect(check.json().items).toMatchObject([
      { givenName: 'María', firstSurname: 'García', reasons: ['similar_name_same_birth_date'] },
    ]);
    const municipalities = check.json().items[0].municipality.id;
    const create = await app.inject({
      method: 'POST',
      url: '/api/persons',
      payload: {
        givenName: 'Maria',
        firstSurname: 'Garcia',
        documentType: 'dni',
        documentNumber: '12345678Z',
        municipalityId: municipalities,
      },
      headers: tech.headers('ca'),
    });
    expect(create.statusCode).toBe(409);
    expect(create.json().error.message).toMatch(/Obriu la seva fitxa/);
  });
});
