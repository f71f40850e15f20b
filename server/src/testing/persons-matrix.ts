import type { Role } from '@caliu/common';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { CellRequest, Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { createTestPerson, type TestPersonInput } from './persons-factories';

/**
 * The authorization matrix's rows and scenarios for person records, written by hand from
 * DESIGN.md: "persons: view basic" entity-wide for aux. admin, tech. admin, technicians,
 * coordinator (and the operator, who links help requests to persons); "create / edit basic" for
 * the same but the operator; "delete" team (coordinators of the person's team); the full record
 * through the scope of case files (technicians own, coordinator team, tech. admin entity); the
 * data-subject tools for the administrator (audit log: view).
 */

const NONE: Relation[] = ['none'];
const RECORD: Relation[] = ['own', 'team', 'other_team', 'other_entity'];
const ENTITY_WIDE: Relation[] = ['own', 'team', 'other_team'];
const TECHNICIANS: Role[] = ['tech_ssb', 'tech_siad', 'tech_sad', 'tech_immigration', 'tech_eaia'];
const EDITORS: Role[] = ['aux_admin', 'tech_admin', ...TECHNICIANS, 'coordinator'];
const VIEWERS: Role[] = [...EDITORS, 'operator'];

const allow = (roles: Role[], relations: Relation[]) =>
  Object.fromEntries(roles.map((r) => [r, relations])) as Partial<Record<Caller, Relation[]>>;

export const PERSONS_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/persons': { relations: NONE, allow: allow(VIEWERS, NONE) },
  'POST /api/persons/duplicate-check': { relations: NONE, allow: allow(EDITORS, NONE) },
  'POST /api/persons': { relations: NONE, allow: allow(EDITORS, NONE) },
  'GET /api/persons/referents': { relations: NONE, allow: allow(EDITORS, NONE) },
  'GET /api/persons/team-for-place': { relations: NONE, allow: allow(EDITORS, NONE) },
  'GET /api/persons/:id': { relations: RECORD, allow: allow(VIEWERS, ENTITY_WIDE) },
  'GET /api/persons/:id/view': { relations: RECORD, allow: allow(VIEWERS, ENTITY_WIDE) },
  'PATCH /api/persons/:id': { relations: RECORD, allow: allow(EDITORS, ENTITY_WIDE) },
  'POST /api/persons/:id/deceased': { relations: RECORD, allow: allow(EDITORS, ENTITY_WIDE) },
  'GET /api/persons/:id/history': {
    relations: RECORD,
    allow: {
      ...allow(TECHNICIANS, ['own']),
      coordinator: ['own', 'team'],
      tech_admin: ENTITY_WIDE,
    },
  },
  'DELETE /api/persons/:id': { relations: RECORD, allow: { coordinator: ['own', 'team'] } },
  // A coordinator's tool: a person recorded as deceased by mistake, of a team they coordinate.
  'POST /api/persons/:id/reactivate': {
    relations: RECORD,
    allow: { coordinator: ['own', 'team'] },
  },
  // "persons, case files: change referent or team (at creation the creator may name themself)":
  // a coordinator of the person's team; the record's own referent has no say.
  'PATCH /api/persons/:id (referent)': {
    relations: RECORD,
    allow: { coordinator: ['own', 'team'] },
    permission: 'persons.change_referent',
  },
  'PATCH /api/persons/:id (team)': {
    relations: RECORD,
    allow: { coordinator: ['own', 'team'] },
    permission: 'persons.change_referent',
  },
  'POST /api/persons (naming another referent)': {
    relations: NONE,
    allow: { coordinator: NONE },
    permission: 'persons.change_referent',
  },
  'GET /api/audit/person-lookup': { relations: NONE, allow: { administrator: NONE } },
  'GET /api/audit/persons/:id/access-report': {
    relations: RECORD,
    allow: { administrator: ENTITY_WIDE },
  },
};

/**
 * A fresh person for the relation: `own` has the caller as referent (in the north team, which
 * every actor belongs to and the coordinator coordinates), `team` a colleague of the north team,
 * `other_team` the south team, `other_entity` entity B.
 */
export async function personFor(
  w: World,
  caller: Caller,
  relation: Relation,
  extra: TestPersonInput = {},
): Promise<string> {
  const actor = caller === 'anonymous' ? null : w.actors[caller];
  const inA = actor !== null && actor.entity.id === w.a.id;
  switch (relation) {
    case 'own':
      return createTestPerson(w.db, w.a, { referentId: inA ? actor.id : null, ...extra });
    case 'team':
      return createTestPerson(w.db, w.a, { referentId: w.colleagues.north.id, ...extra });
    case 'other_team':
      return createTestPerson(w.db, w.a, {
        municipalityId: w.a.municipalities.south,
        teamId: w.a.teams.south,
        referentId: w.colleagues.south.id,
        ...extra,
      });
    default:
      return createTestPerson(w.db, w.b, { referentId: w.colleagues.otherEntity.id, ...extra });
  }
}

const onPerson =
  (method: CellRequest['method'], path: (id: string) => string, payload?: unknown): Scenario =>
  async (w, caller, relation) => ({
    method,
    url: path(await personFor(w, caller, relation)),
    ...(payload !== undefined ? { payload } : {}),
  });

export const PERSONS_SCENARIOS: Record<string, Scenario> = {
  'GET /api/persons': async () => ({ method: 'GET', url: '/api/persons?q=person' }),
  'POST /api/persons/duplicate-check': async () => ({
    method: 'POST',
    url: '/api/persons/duplicate-check',
    payload: { documentType: 'dni', documentNumber: '12345678Z' },
  }),
  'POST /api/persons': async (w) => ({
    method: 'POST',
    url: '/api/persons',
    payload: {
      givenName: 'Matrix',
      firstSurname: 'Person',
      municipalityId: w.a.municipalities.north1,
    },
  }),
  'GET /api/persons/referents': async () => ({ method: 'GET', url: '/api/persons/referents' }),
  'GET /api/persons/team-for-place': async (w) => ({
    method: 'GET',
    url: `/api/persons/team-for-place?municipalityId=${w.a.municipalities.north1}`,
  }),
  'GET /api/persons/:id': onPerson('GET', (id) => `/api/persons/${id}`),
  'GET /api/persons/:id/view': onPerson('GET', (id) => `/api/persons/${id}/view`),
  'PATCH /api/persons/:id': onPerson('PATCH', (id) => `/api/persons/${id}`, {
    address: 'Carrer Nou, 1',
  }),
  'POST /api/persons/:id/deceased': onPerson('POST', (id) => `/api/persons/${id}/deceased`, {
    deceasedOn: '2024-01-01',
  }),
  'GET /api/persons/:id/history': onPerson('GET', (id) => `/api/persons/${id}/history`),
  'DELETE /api/persons/:id': onPerson('DELETE', (id) => `/api/persons/${id}`),
  'POST /api/persons/:id/reactivate': async (w, caller, relation) => ({
    method: 'POST',
    url: `/api/persons/${await personFor(w, caller, relation, {
      status: 'deceased',
      deceasedOn: '2024-01-01',
    })}/reactivate`,
  }),
  // The caller makes themself referent (a technician's way into the full record); on their own
  // record, they hand it to a colleague.
  'PATCH /api/persons/:id (referent)': async (w, caller, relation) => ({
    method: 'PATCH',
    url: `/api/persons/${await personFor(w, caller, relation)}`,
    payload: {
      referentId:
        relation === 'own' || caller === 'anonymous' ? w.colleagues.north.id : w.actors[caller].id,
    },
  }),
  // To the other team of entity A: for `other_team`, a pull into the caller's (north) team.
  'PATCH /api/persons/:id (team)': async (w, caller, relation) => ({
    method: 'PATCH',
    url: `/api/persons/${await personFor(w, caller, relation)}`,
    payload: { teamId: relation === 'other_team' ? w.a.teams.north : w.a.teams.south },
  }),
  'POST /api/persons (naming another referent)': async (w) => ({
    method: 'POST',
    url: '/api/persons',
    payload: {
      givenName: 'Matrix',
      firstSurname: 'Referent',
      municipalityId: w.a.municipalities.north1,
      referentId: w.colleagues.north.id,
    },
  }),
  'GET /api/audit/person-lookup': async () => ({
    method: 'GET',
    url: '/api/audit/person-lookup?name=person',
  }),
  'GET /api/audit/persons/:id/access-report': onPerson(
    'GET',
    (id) => `/api/audit/persons/${id}/access-report`,
  ),
};
