import type { FastifyInstance } from 'fastify';
import type { Role } from '@caliu/common';
import type { Database } from '../../db/connect';
import { buildTestApp, login, type Session } from '../app';
import { testDatabase } from '../database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../factories';
import type { Caller } from './expected';

export const MATRIX_ROLES: Role[] = [
  'aux_admin',
  'tech_admin',
  'tech_ssb',
  'tech_siad',
  'tech_sad',
  'tech_immigration',
  'tech_eaia',
  'coordinator',
  'administrator',
  'operator',
  'head_of_operations',
  'support_agent',
];

export type Actor = TestProfessional & { role: Role; entity: TestEntity; session: Session };

/**
 * The matrix's world: entity A (teams north and south) where every role has one actor, a member
 * of the north team (the coordinator coordinates it); entity B, another council; and a provider
 * entity for the support agent. Scenarios create their target records in it.
 */
export type World = {
  app: FastifyInstance;
  db: Database;
  a: TestEntity;
  b: TestEntity;
  provider: TestEntity;
  actors: Record<Role, Actor>;
  /** A colleague in each team of A and one in B: referents of records the actor does not own. */
  colleagues: { north: TestProfessional; south: TestProfessional; otherEntity: TestProfessional };
  /** A new session for a caller (for routes that end or change the session). */
  freshSession(caller: Caller): Promise<Session | null>;
};

export async function buildWorld(): Promise<World> {
  const { app } = await buildTestApp();
  const db = await testDatabase();
  const a = await createTestEntity(db);
  const b = await createTestEntity(db);
  const provider = await createTestEntity(db, { kind: 'provider' });
  const actors = {} as Record<Role, Actor>;
  for (const role of MATRIX_ROLES) {
    const entity = role === 'support_agent' ? provider : a;
    const pro = await createTestProfessional(db, entity, {
      roles: [role],
      ...(role === 'support_agent'
        ? {}
        : role === 'coordinator'
          ? { coordinates: [a.teams.north] }
          : { teams: [a.teams.north] }),
    });
    actors[role] = { ...pro, role, entity, session: await login(app, entity.code, pro.username) };
  }
  const colleagues = {
    north: await createTestProfessional(db, a, { roles: ['tech_ssb'], teams: [a.teams.north] }),
    south: await createTestProfessional(db, a, { roles: ['tech_ssb'], teams: [a.teams.south] }),
    otherEntity: await createTestProfessional(db, b, {
      roles: ['tech_ssb'],
      teams: [b.teams.north],
    }),
  };
  return {
    app,
    db,
    a,
    b,
    provider,
    actors,
    colleagues,
    freshSession: async (caller) =>
      caller === 'anonymous'
        ? null
        : login(app, actors[caller].entity.code, actors[caller].username),
  };
}
