import { expect } from 'vitest';
import type { Role } from '@caliu/common';
import { buildTestApp, login, manualClock, type Session } from './app';
import { testDatabase } from './database';
import { createTestEntity, createTestProfessional } from './factories';
import { createTestPerson } from './persons-factories';

/**
 * What the tests of a case file's content start from: the app on a clock stopped at 10:00 UTC
 * of `today` (`clock`, to move by hand), with the environment given, a fresh entity, a technician of its north team (logged in), Joan Ferrer (a person
 * of the north, to be made a member), `actor` to log in more professionals, `call` for the API
 * as one of them, and `types` for a catalogue's ids by code.
 */
export async function contentWorld(today: string, options: { env?: Record<string, string> } = {}) {
  const clock = manualClock(new Date(`${today}T10:00:00Z`));
  const { app } = await buildTestApp({ clock, ...(options.env ? { env: options.env } : {}) });
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const actor = async (roles: Role[], extra: { coordinates?: string[] } = {}) => {
    const pro = await createTestProfessional(db, entity, {
      roles,
      teams: extra.coordinates ? [] : [entity.teams.north],
      ...(extra.coordinates ? { coordinates: extra.coordinates } : {}),
    });
    return { ...pro, session: await login(app, entity.code, pro.username) };
  };
  const tech = await actor(['tech_ssb']);
  const partner = await createTestPerson(db, entity, { givenName: 'Joan', firstSurname: 'Ferrer' });
  const call = (
    session: Session,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    language = 'en',
  ) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers(language),
    });
  const types = async (catalogue: string) => {
    const res = await call(tech.session, 'GET', `/api/catalogues/${catalogue}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().items as { id: string; code: string }[]).map((t) => [t.code, t.id]),
    );
  };
  return { app, db, clock, entity, actor, tech, partner, call, types };
}
