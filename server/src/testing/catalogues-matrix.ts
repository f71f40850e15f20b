import { randomBytes } from 'node:crypto';
import { catalogueItems } from '../db/schema';
import type { TestEntity } from './factories';
import type { ExpectedRow, Relation } from './matrix/expected';
import type { CellRequest, Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';

/**
 * The authorization matrix's rows and scenarios for catalogue administration: DESIGN.md's
 * "teams, territorial structure, users: create…" row is the administrator's alone, and so is the
 * configuration of the entity's catalogues (`organization.manage`). Every cell works on a fresh
 * entry of its own, at the end of the demands catalogue, so that no other scenario's entries
 * (picked by code) change.
 */

const NONE: Relation[] = ['none'];
/** An entry of the caller's entity, or of another entity (the tenant wall: not found). */
const IN_ENTITY: Relation[] = ['none', 'other_entity'];
const ADMINISTRATOR = { administrator: NONE };

const unique = () => randomBytes(5).toString('hex');
const LABELS = { ca: 'Prova', es: 'Prueba', it: 'Prova matrice', en: 'Test' };

/** A fresh, unused entry of the demands catalogue. */
async function entryIn(w: World, entity: TestEntity, active = true): Promise<string> {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    tx
      .insert(catalogueItems)
      .values({
        entityId: entity.id,
        catalogue: 'demand',
        code: `matrix_${unique()}`,
        labels: LABELS,
        position: 1000,
        active,
      })
      .returning({ id: catalogueItems.id }),
  );
  return row!.id;
}

const onEntry =
  (
    method: CellRequest['method'],
    suffix = '',
    options: { payload?: unknown; retired?: boolean } = {},
  ): Scenario =>
  async (w, _caller, relation) => {
    const entity = relation === 'other_entity' ? w.b : w.a;
    const id = await entryIn(w, entity, !options.retired);
    return {
      method,
      url: `/api/catalogues/demand/entries/${id}${suffix}`,
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    };
  };

export const CATALOGUES_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/catalogues/:catalogue/entries': { relations: NONE, allow: ADMINISTRATOR },
  'POST /api/catalogues/:catalogue/entries': { relations: NONE, allow: ADMINISTRATOR },
  'PATCH /api/catalogues/:catalogue/entries/:id': { relations: IN_ENTITY, allow: ADMINISTRATOR },
  'POST /api/catalogues/:catalogue/entries/:id/retire': {
    relations: IN_ENTITY,
    allow: ADMINISTRATOR,
  },
  'POST /api/catalogues/:catalogue/entries/:id/reinstate': {
    relations: IN_ENTITY,
    allow: ADMINISTRATOR,
  },
  'DELETE /api/catalogues/:catalogue/entries/:id': { relations: IN_ENTITY, allow: ADMINISTRATOR },
};

export const CATALOGUES_SCENARIOS: Record<string, Scenario> = {
  'GET /api/catalogues/:catalogue/entries': async () => ({
    method: 'GET',
    url: '/api/catalogues/demand/entries',
  }),
  'POST /api/catalogues/:catalogue/entries': async () => ({
    method: 'POST',
    url: '/api/catalogues/demand/entries',
    payload: { code: `matrix_${unique()}`, labels: LABELS, position: 1000 },
  }),
  'PATCH /api/catalogues/:catalogue/entries/:id': onEntry('PATCH', '', {
    payload: { labels: { en: 'Test, renamed' }, officialCode: 'M-1' },
  }),
  'POST /api/catalogues/:catalogue/entries/:id/retire': onEntry('POST', '/retire'),
  'POST /api/catalogues/:catalogue/entries/:id/reinstate': onEntry('POST', '/reinstate', {
    retired: true,
  }),
  'DELETE /api/catalogues/:catalogue/entries/:id': onEntry('DELETE'),
};
