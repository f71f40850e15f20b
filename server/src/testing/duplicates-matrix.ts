import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { CellRequest, Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { personDuplicateDismissals } from '../db/schema';
import { createTestPerson } from './persons-factories';

/**
 * The authorization matrix's rows and scenarios for candidate duplicates, written by hand from
 * issue 16: the list of likely duplicate records and "not the same person" are the coordinator's,
 * for the persons of the teams they coordinate (person-level team scope, as deleting a person:
 * being a record's referent gives no say). Every other role is refused.
 */

const NONE: Relation[] = ['none'];
const RECORD: Relation[] = ['own', 'team', 'other_team', 'other_entity'];

export const DUPLICATES_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/persons/duplicates': { relations: NONE, allow: { coordinator: NONE } },
  'POST /api/persons/duplicates/dismissals': {
    relations: RECORD,
    allow: { coordinator: ['own', 'team'] },
  },
  'DELETE /api/persons/duplicates/dismissals/:firstId/:secondId': {
    relations: RECORD,
    allow: { coordinator: ['own', 'team'] },
  },
};

/**
 * Two fresh records alike (same name and birth date) for the relation: `own` the caller's as
 * referent (north team, which the coordinator coordinates), `team` a colleague's of the north
 * team, `other_team` of the south team, `other_entity` of entity B.
 */
async function pairFor(w: World, caller: Caller, relation: Relation) {
  const actor = caller === 'anonymous' ? null : w.actors[caller];
  const inA = actor !== null && actor.entity.id === w.a.id;
  const alike = { givenName: 'Matrix', firstSurname: 'Duplicate', birthDate: '1970-01-01' };
  const [entity, input] =
    relation === 'own'
      ? [w.a, { referentId: inA ? actor.id : null }]
      : relation === 'team'
        ? [w.a, { referentId: w.colleagues.north.id }]
        : relation === 'other_team'
          ? [
              w.a,
              {
                municipalityId: w.a.municipalities.south,
                teamId: w.a.teams.south,
                referentId: w.colleagues.south.id,
              },
            ]
          : [w.b, { referentId: w.colleagues.otherEntity.id }];
  const ids = [
    await createTestPerson(w.db, entity, { ...alike, ...input }),
    await createTestPerson(w.db, entity, { ...alike, ...input }),
  ].sort();
  return { entity, low: ids[0]!, high: ids[1]! };
}

export const DUPLICATES_SCENARIOS: Record<string, Scenario> = {
  'GET /api/persons/duplicates': async () => ({ method: 'GET', url: '/api/persons/duplicates' }),
  'POST /api/persons/duplicates/dismissals': async (w, caller, relation) => {
    const pair = await pairFor(w, caller, relation);
    return {
      method: 'POST',
      url: '/api/persons/duplicates/dismissals',
      payload: { firstId: pair.low, secondId: pair.high },
    } satisfies CellRequest;
  },
  // A pair dismissed already, so that an allowed cell has something to undo.
  'DELETE /api/persons/duplicates/dismissals/:firstId/:secondId': async (w, caller, relation) => {
    const pair = await pairFor(w, caller, relation);
    await w.db.tenant(pair.entity.id, (tx) =>
      tx.insert(personDuplicateDismissals).values({
        entityId: pair.entity.id,
        personLow: pair.low,
        personHigh: pair.high,
        dismissedBy: w.colleagues.north.id,
      }),
    );
    return {
      method: 'DELETE',
      url: `/api/persons/duplicates/dismissals/${pair.high}/${pair.low}`,
    } satisfies CellRequest;
  },
};
