import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/connect';
import { loadConfig } from '../config';
import { importPending } from '../modules/community-help/requests/repository';
import { createTestSubmission, helpForm } from './community-help-factories';
import { createTestProfessional, type TestEntity } from './factories';
import type { ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';

/**
 * The authorization matrix's rows and scenarios for the operators' help requests (issue 22):
 * `help_requests.manage`, the entity's operators, over the whole entity ("none": a request of the
 * caller's entity); a request of another entity is "not found" to them (the tenant wall).
 */

const NONE: Relation[] = ['none'];
const IN_ENTITY: Relation[] = ['none', 'other_entity'];
const OPERATOR_IN_ENTITY = { operator: NONE };

export const COMMUNITY_HELP_EXPECTED: Record<string, ExpectedRow> = {
  'POST /api/help-requests/import': { relations: NONE, allow: { operator: NONE } },
  'GET /api/help-requests': { relations: NONE, allow: { operator: NONE } },
  'POST /api/help-requests/entries': { relations: NONE, allow: { operator: NONE } },
  'GET /api/help-requests/:id': { relations: IN_ENTITY, allow: OPERATOR_IN_ENTITY },
  'PATCH /api/help-requests/:id': { relations: IN_ENTITY, allow: OPERATOR_IN_ENTITY },
  'PUT /api/help-requests/:id/person': { relations: IN_ENTITY, allow: OPERATOR_IN_ENTITY },
  'POST /api/help-requests/:id/delete': { relations: IN_ENTITY, allow: OPERATOR_IN_ENTITY },
};

const config = loadConfig({ CALIU_DEMO: '1' });
const importers = new WeakMap<TestEntity, Promise<string>>();

/** An imported help request of entity A ("none") or B, written straight in. */
async function requestOf(w: World, relation: Relation): Promise<string> {
  const entity = relation === 'other_entity' ? w.b : w.a;
  let importer = importers.get(entity);
  if (!importer) {
    importer = createTestProfessional(w.db, entity, { roles: ['operator'] }).then((p) => p.id);
    importers.set(entity, importer);
  }
  return importOne(w.db, entity, await importer);
}

async function importOne(db: Database, entity: TestEntity, importedBy: string): Promise<string> {
  const submitted = await createTestSubmission(db, config, entity);
  return db.tenant(entity.id, async (tx) => {
    await importPending(tx, entity.id, importedBy, new Date());
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`SELECT help_request_id AS id FROM help_request_submissions
        WHERE entity_id = ${entity.id} AND id = ${submitted.id}`,
    );
    return row!.id;
  });
}

const editOf = (entity: TestEntity) => {
  const { consent: _consent, ...form } = helpForm(entity);
  return { ...form, urgency: 'high' };
};

export const COMMUNITY_HELP_SCENARIOS: Record<string, Scenario> = {
  'POST /api/help-requests/import': async () => ({
    method: 'POST',
    url: '/api/help-requests/import',
  }),
  'GET /api/help-requests': async () => ({ method: 'GET', url: '/api/help-requests' }),
  'POST /api/help-requests/entries': async (w) => ({
    method: 'POST',
    url: '/api/help-requests/entries',
    payload: helpForm(w.a),
  }),
  'GET /api/help-requests/:id': async (w, _caller, relation) => ({
    method: 'GET',
    url: `/api/help-requests/${await requestOf(w, relation)}`,
  }),
  'PATCH /api/help-requests/:id': async (w, _caller, relation) => ({
    method: 'PATCH',
    url: `/api/help-requests/${await requestOf(w, relation)}`,
    payload: editOf(w.a),
  }),
  'PUT /api/help-requests/:id/person': async (w, _caller, relation) => ({
    method: 'PUT',
    url: `/api/help-requests/${await requestOf(w, relation)}/person`,
    payload: { personId: null },
  }),
  'POST /api/help-requests/:id/delete': async (w, _caller, relation) => ({
    method: 'POST',
    url: `/api/help-requests/${await requestOf(w, relation)}/delete`,
    payload: { reason: 'Sent twice' },
  }),
};
