import type { Caller, Relation } from './expected';
import type { World } from './world';
import { TEST_PASSWORD } from '../app';

/** The request one cell of the matrix makes. */
export type CellRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  /** Use a new session of the caller (routes that end or alter the session). */
  freshSession?: boolean;
};

/**
 * How to call one route as `caller` in `relation`: it creates the target record for that
 * relation (fresh for every cell, so destructive routes stay independent) and returns the request.
 */
export type Scenario = (world: World, caller: Caller, relation: Relation) => Promise<CellRequest>;

const get =
  (url: string): Scenario =>
  async () => ({ method: 'GET', url });

export const SCENARIOS: Record<string, Scenario> = {
  'GET /api/health': get('/api/health'),
  'GET /api/openapi.json': get('/api/openapi.json'),
  'POST /api/auth/login': async (w, caller) => {
    const actor = caller === 'anonymous' ? w.actors.tech_ssb : w.actors[caller];
    return {
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: actor.entity.code, username: actor.username, password: TEST_PASSWORD },
    };
  },
  'GET /api/me': get('/api/me'),
  'PUT /api/me/preferences': async (_w, caller) => ({
    method: 'PUT',
    url: '/api/me/preferences',
    payload: { language: 'ca' },
    freshSession: caller !== 'anonymous',
  }),
  'POST /api/auth/logout': async () => ({
    method: 'POST',
    url: '/api/auth/logout',
    freshSession: true,
  }),
  'POST /api/auth/keep-alive': async () => ({ method: 'POST', url: '/api/auth/keep-alive' }),
  'GET /api/support/tickets': get('/api/support/tickets'),
  'GET /api/audit': get('/api/audit?limit=5'),
  'GET /api/audit/export': get('/api/audit/export?action=auth.login'),
};
