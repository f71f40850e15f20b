import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, type Session } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

async function setUp() {
  const { app } = await buildTestApp();
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const actor = async (roles: Role[], extra: { coordinates?: string[] } = {}) => {
    const pro = await createTestProfessional(db, entity, {
      roles,
      teams: [entity.teams.north],
      ...extra,
    });
    return { ...pro, session: await login(app, entity.code, pro.username) };
  };
  return { app, db, entity, actor };
}

const call = (
  app: App,
  session: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
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

async function interventionTypes(app: App, session: Session) {
  const res = await call(app, session, 'GET', '/api/catalogues/intervention_type');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; code: string; label: string }[];
}

describe('case files', () => {
  it('opens a case file for a person: number, holder, team of the place, referent, opening intervention', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const person = await createTestPerson(db, entity, {
      municipalityId: entity.municipalities.south,
    });
    const res = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    const year = new Date().getFullYear();
    expect(file).toMatchObject({
      number: `${year}/000001`,
      scope: 'ssb',
      state: 'open',
      municipality: { id: entity.municipalities.south },
      team: { id: entity.teams.south },
      referent: { id: tech.id },
      members: [{ person: { id: person }, role: 'holder' }],
    });
    expect(file.can).toEqual({
      edit: true,
      changeReferent: false,
      changeTeam: false,
      unlinkMember: false,
      viewContent: true,
      addContent: true,
    });
    const second = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    expect(second.json().number).toBe(`${year}/000002`);
    const list = await call(app, tech.session, 'GET', `/api/case-files/${file.id}/interventions`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toMatchObject([{ event: 'opened', type: null }]);
    const types = await interventionTypes(app, tech.session);
    expect(types.find((t) => t.code === 'interview')?.label).toBe('Interview');
    const interview = await call(
      app,
      tech.session,
      'POST',
      `/api/case-files/${file.id}/interventions`,
      {
        typeId: types.find((t) => t.code === 'interview')!.id,
        occurredOn: new Date().toISOString().slice(0, 10),
        durationMinutes: 45,
        personIds: [person],
        notes: 'First interview.\nHousing difficulties.',
      },
    );
    expect(interview.statusCode, interview.body).toBe(201);
    expect(interview.json()).toMatchObject({
      type: { name: 'Interview' },
      persons: [{ id: person }],
      professionals: [{ id: tech.id }],
      can: { edit: true },
    });
    const rows = await db.asOwner((tx) =>
      rowsOf<{ action: string }>(
        tx,
        sql`SELECT a.action FROM audit_subjects s JOIN audit_log a ON a.id = s.audit_id
          WHERE s.entity_id = ${entity.id} AND s.person_id = ${person} ORDER BY a.id`,
      ),
    );
    expect(rows.map((r) => r.action)).toContain('case_file.read_content');
  });
});
