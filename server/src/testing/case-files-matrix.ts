import type { CaseScope, Role } from '@caliu/common';
import {
  createTestCaseFile,
  createTestEntry,
  type TestCaseFileInput,
} from './case-files-factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { CellRequest, Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { createTestPerson } from './persons-factories';

/**
 * The authorization matrix's rows and scenarios for case files, written by hand from DESIGN.md:
 * "case files: view header" own of their scope (technicians), team (coordinator), entity
 * (technical administrator); "create" for the same three; "edit, close, reopen, link a person"
 * the same; "unlink a person" team (coordinator); content (interventions) own for technicians,
 * team for the coordinator, never the technical administrator; "change referent or team" team
 * (coordinator). SIAD case files: only their SIAD technicians (own) and the coordinators of
 * their team, whatever the grant — the technical administrator's entity scope included.
 */

const NONE: Relation[] = ['none'];
const RECORD: Relation[] = ['own', 'team', 'other_team', 'other_entity'];
const ENTITY_WIDE: Relation[] = ['own', 'team', 'other_team'];
const OWN: Relation[] = ['own'];
const TEAM: Relation[] = ['own', 'team'];
const TECHNICIANS: Role[] = ['tech_ssb', 'tech_siad', 'tech_sad', 'tech_immigration', 'tech_eaia'];
const CASE_WORKERS: Role[] = ['tech_admin', ...TECHNICIANS, 'coordinator'];

/** The kinds of content under a case file besides interventions, by path. */
const CONTENT_PATHS = ['demands', 'problems', 'resources', 'procedures', 'plans'] as const;
type ContentPath = (typeof CONTENT_PATHS)[number];
/** The kinds a coordinator may transfer or delete, by path. */
const MOVABLE_PATHS = ['interventions', 'demands', 'problems', 'resources', 'procedures'] as const;
type MovablePath = (typeof MOVABLE_PATHS)[number];

const allow = (roles: Role[], relations: Relation[]) =>
  Object.fromEntries(roles.map((r) => [r, relations])) as Partial<Record<Caller, Relation[]>>;

/** Header rights: technicians own, coordinator team, technical administrator entity. */
const HEADER = { ...allow(TECHNICIANS, OWN), coordinator: TEAM, tech_admin: ENTITY_WIDE };
/** Content rights: technicians own, coordinator team; the technical administrator none. */
const CONTENT = { ...allow(TECHNICIANS, OWN), coordinator: TEAM };
/** "content: transfer to another case file / delete": the coordinators of the file's team. */
const TOOLS = { coordinator: TEAM };
/** SIAD: its technician (own) and the coordinators of its team; no one else, whatever the grant. */
const SIAD = { tech_siad: OWN, coordinator: TEAM };

export const CASE_FILES_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/case-files': { relations: NONE, allow: allow(CASE_WORKERS, NONE) },
  'POST /api/case-files': { relations: NONE, allow: allow(CASE_WORKERS, NONE) },
  'GET /api/catalogues/:catalogue': { relations: NONE, allow: allow(CASE_WORKERS, NONE) },
  'GET /api/case-files/:id': { relations: RECORD, allow: HEADER },
  'PATCH /api/case-files/:id': { relations: RECORD, allow: HEADER },
  'POST /api/case-files/:id/close': { relations: RECORD, allow: HEADER },
  'POST /api/case-files/:id/reopen': { relations: RECORD, allow: HEADER },
  'POST /api/case-files/:id/members': { relations: RECORD, allow: HEADER },
  'PATCH /api/case-files/:id/members/:personId': { relations: RECORD, allow: HEADER },
  'DELETE /api/case-files/:id/members/:personId': {
    relations: RECORD,
    allow: { coordinator: TEAM },
  },
  'GET /api/case-files/:id/interventions': { relations: RECORD, allow: CONTENT },
  'POST /api/case-files/:id/interventions': { relations: RECORD, allow: CONTENT },
  'GET /api/case-files/:id/interventions/:interventionId': { relations: RECORD, allow: CONTENT },
  'PATCH /api/case-files/:id/interventions/:interventionId': { relations: RECORD, allow: CONTENT },
  // "persons, case files: change referent or team": a coordinator of the case file's team.
  'PATCH /api/case-files/:id (referent)': {
    relations: RECORD,
    allow: { coordinator: TEAM },
    permission: 'persons.change_referent',
  },
  'PATCH /api/case-files/:id (team)': {
    relations: RECORD,
    allow: { coordinator: TEAM },
    permission: 'persons.change_referent',
  },
  'POST /api/case-files (naming another referent)': {
    relations: NONE,
    allow: { coordinator: NONE },
    permission: 'persons.change_referent',
  },
  // "each technician role creates case files of its own scope": an EAIA file by anyone else.
  'POST /api/case-files (another scope)': {
    relations: NONE,
    allow: { tech_admin: NONE, tech_eaia: NONE, coordinator: NONE },
  },
  // The SIAD wall, beyond the map: the same routes on a SIAD case file.
  'GET /api/case-files/:id (siad)': { relations: RECORD, allow: SIAD },
  'PATCH /api/case-files/:id (siad)': { relations: RECORD, allow: SIAD },
  'GET /api/case-files/:id/interventions (siad)': { relations: RECORD, allow: SIAD },
  // Part 2: the rest of the content, the timeline, plans (`plans.edit`: as content).
  ...Object.fromEntries(
    CONTENT_PATHS.flatMap((path) => [
      [`GET /api/case-files/:id/${path}`, { relations: RECORD, allow: CONTENT }],
      [`POST /api/case-files/:id/${path}`, { relations: RECORD, allow: CONTENT }],
      [`PATCH /api/case-files/:id/${path}/:itemId`, { relations: RECORD, allow: CONTENT }],
    ]),
  ),
  'GET /api/case-files/:id/timeline': { relations: RECORD, allow: CONTENT },
  'GET /api/case-files/:id/timeline (siad)': { relations: RECORD, allow: SIAD },
  'POST /api/case-files/:id/resources (siad)': { relations: RECORD, allow: SIAD },
  // Coordinator tools: transfer an item to another case file of their teams, delete it.
  ...Object.fromEntries(
    MOVABLE_PATHS.flatMap((path) => [
      [`POST /api/case-files/:id/${path}/:itemId/transfer`, { relations: RECORD, allow: TOOLS }],
      [`DELETE /api/case-files/:id/${path}/:itemId`, { relations: RECORD, allow: TOOLS }],
    ]),
  ),
  // Being assigned (not referent) is "own" too.
  'GET /api/case-files/:id (assigned)': {
    relations: ['own'],
    allow: { ...allow(TECHNICIANS, OWN), coordinator: OWN, tech_admin: OWN },
  },
};

/** The scope a caller's own case file has: the scope of their technician role, else SSB. */
function ownScope(caller: Caller): CaseScope {
  switch (caller) {
    case 'tech_siad':
      return 'siad';
    case 'tech_sad':
      return 'sad';
    case 'tech_immigration':
      return 'immigration';
    case 'tech_eaia':
      return 'eaia';
    default:
      return 'ssb';
  }
}

/**
 * A fresh case file for the relation: `own` has the caller as referent (north team, of the
 * caller's scope), `team` a colleague of the north team (which the coordinator coordinates),
 * `other_team` the south team, `other_entity` entity B. With `siad`, every one is a SIAD file.
 */
export async function caseFileFor(
  w: World,
  caller: Caller,
  relation: Relation,
  extra: TestCaseFileInput & {
    siad?: boolean;
    assigned?: boolean;
    interview?: boolean;
    /** The `team` file's referent instead of the world's north colleague (whom a cover reaches). */
    teamReferent?: string;
  } = {},
) {
  const actor = caller === 'anonymous' ? null : w.actors[caller];
  const inA = actor !== null && actor.entity.id === w.a.id;
  const { siad, assigned, interview, teamReferent, ...input } = extra;
  const scope: CaseScope = siad ? 'siad' : relation === 'own' ? ownScope(caller) : 'ssb';
  /** The interview's author: whoever the file's referent is (the caller on their own file). */
  const author = (id: string) => (interview ? { interviewBy: id } : {});
  switch (relation) {
    case 'own':
      return createTestCaseFile(w.db, w.a, {
        scope,
        ...input,
        ...(assigned
          ? { referentId: w.colleagues.north.id, assignedIds: inA ? [actor.id] : [] }
          : { referentId: inA ? actor.id : null }),
        ...author(inA ? actor.id : w.colleagues.north.id),
      });
    case 'team':
      return createTestCaseFile(w.db, w.a, {
        scope,
        ...input,
        referentId: teamReferent ?? w.colleagues.north.id,
        ...author(teamReferent ?? w.colleagues.north.id),
      });
    case 'other_team':
      return createTestCaseFile(w.db, w.a, {
        scope,
        ...input,
        municipalityId: w.a.municipalities.south,
        teamId: w.a.teams.south,
        referentId: w.colleagues.south.id,
        ...author(w.colleagues.south.id),
      });
    default:
      return createTestCaseFile(w.db, w.b, {
        scope,
        ...input,
        referentId: w.colleagues.otherEntity.id,
        ...author(w.colleagues.otherEntity.id),
      });
  }
}

const onCaseFile =
  (
    method: CellRequest['method'],
    path: (file: Awaited<ReturnType<typeof caseFileFor>>) => string,
    payload?: (w: World, caller: Caller) => unknown,
    extra: Parameters<typeof caseFileFor>[3] = {},
  ): Scenario =>
  async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation, extra);
    return {
      method,
      url: path(file),
      ...(payload ? { payload: payload(w, caller) } : {}),
    };
  };

/** An active intervention type of the matrix's entity A (the catalogue is seeded per entity). */
let interviewType: string | undefined;
async function interviewTypeOf(w: World): Promise<string> {
  if (!interviewType) {
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/catalogues/intervention_type',
      headers: {
        cookie: w.actors.tech_ssb.session.cookie,
      },
    });
    interviewType = (res.json() as { items: { id: string; code: string }[] }).items.find(
      (t) => t.code === 'interview',
    )!.id;
  }
  return interviewType;
}

let closingReason: string | undefined;
async function closingReasonOf(w: World): Promise<string> {
  if (!closingReason) {
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/catalogues/closing_reason',
      headers: { cookie: w.actors.tech_ssb.session.cookie },
    });
    closingReason = (res.json() as { items: { id: string }[] }).items[0]!.id;
  }
  return closingReason;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Entry ids of entity A's catalogues by code (seeded per entity), read once. */
const catalogues = new Map<string, Record<string, string>>();
async function entryOf(w: World, catalogue: string, code: string): Promise<string> {
  if (!catalogues.has(catalogue)) {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/catalogues/${catalogue}`,
      headers: { cookie: w.actors.tech_ssb.session.cookie },
    });
    const items = (res.json() as { items: { id: string; code: string }[] }).items;
    catalogues.set(catalogue, Object.fromEntries(items.map((i) => [i.code, i.id])));
  }
  return catalogues.get(catalogue)![code]!;
}

/** A new entry's body, for the file's holder. */
async function newEntry(w: World, path: ContentPath, holderId: string): Promise<object> {
  switch (path) {
    case 'demands':
      return {
        typeId: await entryOf(w, 'demand', 'housing'),
        personId: holderId,
        requestedOn: today(),
      };
    case 'problems':
      return {
        typeId: await entryOf(w, 'problem', 'unemployment'),
        personId: holderId,
        startedOn: today(),
      };
    case 'resources':
      return { typeId: await entryOf(w, 'resource', 'telecare'), personId: holderId };
    case 'procedures':
      return {
        typeId: await entryOf(w, 'procedure', 'pension'),
        personId: holderId,
        administration: 'Generalitat',
      };
    default:
      return { startedOn: today(), objectives: 'Agreed by the matrix' };
  }
}

/** Who wrote the content of a file in this relation: the caller on their own file. */
function authorOf(w: World, caller: Caller, relation: Relation): string {
  const actor = caller === 'anonymous' ? null : w.actors[caller];
  switch (relation) {
    case 'own':
      return actor && actor.entity.id === w.a.id ? actor.id : w.colleagues.north.id;
    case 'team':
      return w.colleagues.north.id;
    case 'other_team':
      return w.colleagues.south.id;
    default:
      return w.colleagues.otherEntity.id;
  }
}

const CONTENT_SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  CONTENT_PATHS.flatMap((path) => [
    [
      `GET /api/case-files/:id/${path}`,
      onCaseFile('GET', (f) => `/api/case-files/${f.id}/${path}`),
    ],
    [
      `POST /api/case-files/:id/${path}`,
      (async (w, caller, relation) => {
        const file = await caseFileFor(w, caller, relation);
        return {
          method: 'POST',
          url: `/api/case-files/${file.id}/${path}`,
          payload: await newEntry(w, path, file.holderId),
        };
      }) satisfies Scenario,
    ],
    [
      `PATCH /api/case-files/:id/${path}/:itemId`,
      (async (w, caller, relation) => {
        const file = await caseFileFor(w, caller, relation);
        const entity = relation === 'other_entity' ? w.b : w.a;
        const kind = path === 'plans' ? 'plan' : (path.slice(0, -1) as 'demand');
        const id = await createTestEntry(w.db, entity, file.id, kind, {
          personId: file.holderId,
          authorId: authorOf(w, caller, relation),
        });
        return {
          method: 'PATCH',
          url: `/api/case-files/${file.id}/${path}/${id}`,
          payload:
            path === 'plans'
              ? { signedByPerson: true }
              : path === 'demands'
                ? { description: 'Matrix' }
                : { notes: 'Matrix' },
        };
      }) satisfies Scenario,
    ],
  ]),
);

/** A file of the relation and an item of `path` in it (the holder's; an interview). */
async function movableItem(w: World, caller: Caller, relation: Relation, path: MovablePath) {
  const file = await caseFileFor(w, caller, relation, { interview: path === 'interventions' });
  const entity = relation === 'other_entity' ? w.b : w.a;
  const id =
    path === 'interventions'
      ? file.interventionId!
      : await createTestEntry(w.db, entity, file.id, path.slice(0, -1) as 'demand', {
          personId: file.holderId,
          authorId: authorOf(w, caller, relation),
        });
  return { file, id };
}

const TOOL_SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  MOVABLE_PATHS.flatMap((path) => [
    [
      `POST /api/case-files/:id/${path}/:itemId/transfer`,
      (async (w, caller, relation) => {
        const { file, id } = await movableItem(w, caller, relation, path);
        // The target: a file of the same relation where the item's person is a member too.
        const target = await caseFileFor(w, caller, relation, {
          members: [{ personId: file.holderId, role: 'other' }],
        });
        return {
          method: 'POST',
          url: `/api/case-files/${file.id}/${path}/${id}/transfer`,
          payload: { target: target.number },
        };
      }) satisfies Scenario,
    ],
    [
      `DELETE /api/case-files/:id/${path}/:itemId`,
      (async (w, caller, relation) => {
        const { file, id } = await movableItem(w, caller, relation, path);
        return { method: 'DELETE', url: `/api/case-files/${file.id}/${path}/${id}` };
      }) satisfies Scenario,
    ],
  ]),
);

export const CASE_FILES_SCENARIOS: Record<string, Scenario> = {
  ...CONTENT_SCENARIOS,
  ...TOOL_SCENARIOS,
  'GET /api/case-files/:id/timeline': onCaseFile('GET', (f) => `/api/case-files/${f.id}/timeline`),
  'GET /api/case-files/:id/timeline (siad)': onCaseFile(
    'GET',
    (f) => `/api/case-files/${f.id}/timeline`,
    undefined,
    { siad: true },
  ),
  'POST /api/case-files/:id/resources (siad)': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation, { siad: true });
    return {
      method: 'POST',
      url: `/api/case-files/${file.id}/resources`,
      payload: await newEntry(w, 'resources', file.holderId),
    };
  },

  'GET /api/case-files': async () => ({ method: 'GET', url: '/api/case-files?limit=5' }),
  'POST /api/case-files': async (w, caller) => ({
    method: 'POST',
    url: '/api/case-files',
    payload: {
      personId: await createTestPerson(w.db, w.a),
      scope: ownScope(caller),
    },
  }),
  'POST /api/case-files (naming another referent)': async (w) => ({
    method: 'POST',
    url: '/api/case-files',
    payload: {
      personId: await createTestPerson(w.db, w.a),
      scope: 'ssb',
      referentId: w.colleagues.north.id,
    },
  }),
  'POST /api/case-files (another scope)': async (w) => ({
    method: 'POST',
    url: '/api/case-files',
    payload: { personId: await createTestPerson(w.db, w.a), scope: 'eaia' },
  }),
  'GET /api/catalogues/:catalogue': async () => ({
    method: 'GET',
    url: '/api/catalogues/intervention_type',
  }),
  'GET /api/case-files/:id': onCaseFile('GET', (f) => `/api/case-files/${f.id}`),
  'GET /api/case-files/:id (assigned)': onCaseFile(
    'GET',
    (f) => `/api/case-files/${f.id}`,
    undefined,
    { assigned: true },
  ),
  'PATCH /api/case-files/:id': onCaseFile(
    'PATCH',
    (f) => `/api/case-files/${f.id}`,
    () => ({
      assignedIds: [],
    }),
  ),
  // The caller makes themself referent; on their own file, they hand it to a colleague.
  'PATCH /api/case-files/:id (referent)': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation);
    return {
      method: 'PATCH',
      url: `/api/case-files/${file.id}`,
      payload: {
        referentId:
          relation === 'own' || caller === 'anonymous'
            ? w.colleagues.north.id
            : w.actors[caller].id,
      },
    };
  },
  'PATCH /api/case-files/:id (team)': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation);
    return {
      method: 'PATCH',
      url: `/api/case-files/${file.id}`,
      payload: { teamId: relation === 'other_team' ? w.a.teams.north : w.a.teams.south },
    };
  },
  'POST /api/case-files/:id/close': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation);
    return {
      method: 'POST',
      url: `/api/case-files/${file.id}/close`,
      payload: { reasonId: await closingReasonOf(w) },
    };
  },
  'POST /api/case-files/:id/reopen': onCaseFile(
    'POST',
    (f) => `/api/case-files/${f.id}/reopen`,
    () => ({ reason: 'New circumstances' }),
    { closed: true },
  ),
  'POST /api/case-files/:id/members': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation);
    const entity = relation === 'other_entity' ? w.b : w.a;
    return {
      method: 'POST',
      url: `/api/case-files/${file.id}/members`,
      payload: { personId: await createTestPerson(w.db, entity), role: 'child' },
    };
  },
  // A child of the file becomes "other" (the holder keeps the role until another takes it).
  'PATCH /api/case-files/:id/members/:personId': async (w, caller, relation) => {
    const entity = relation === 'other_entity' ? w.b : w.a;
    const child = await createTestPerson(w.db, entity);
    const file = await caseFileFor(w, caller, relation, {
      members: [{ personId: child, role: 'child' }],
    });
    return {
      method: 'PATCH',
      url: `/api/case-files/${file.id}/members/${child}`,
      payload: { role: 'other' },
    };
  },
  'DELETE /api/case-files/:id/members/:personId': async (w, caller, relation) => {
    const entity = relation === 'other_entity' ? w.b : w.a;
    const child = await createTestPerson(w.db, entity);
    const file = await caseFileFor(w, caller, relation, {
      members: [{ personId: child, role: 'child' }],
    });
    return { method: 'DELETE', url: `/api/case-files/${file.id}/members/${child}` };
  },
  'GET /api/case-files/:id/interventions': onCaseFile(
    'GET',
    (f) => `/api/case-files/${f.id}/interventions`,
  ),
  'POST /api/case-files/:id/interventions': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation);
    return {
      method: 'POST',
      url: `/api/case-files/${file.id}/interventions`,
      // Entity B's type id is unknown to A: an other_entity cell is refused before it matters.
      payload: { typeId: await interviewTypeOf(w), occurredOn: today(), notes: 'Matrix' },
    };
  },
  'GET /api/case-files/:id/interventions/:interventionId': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation, { interview: true });
    return {
      method: 'GET',
      url: `/api/case-files/${file.id}/interventions/${file.interventionId}`,
    };
  },
  'PATCH /api/case-files/:id/interventions/:interventionId': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation, { interview: true });
    return {
      method: 'PATCH',
      url: `/api/case-files/${file.id}/interventions/${file.interventionId}`,
      payload: { notes: 'Edited by the matrix' },
    };
  },
  'GET /api/case-files/:id (siad)': onCaseFile('GET', (f) => `/api/case-files/${f.id}`, undefined, {
    siad: true,
  }),
  'PATCH /api/case-files/:id (siad)': onCaseFile(
    'PATCH',
    (f) => `/api/case-files/${f.id}`,
    () => ({ assignedIds: [] }),
    { siad: true },
  ),
  'GET /api/case-files/:id/interventions (siad)': onCaseFile(
    'GET',
    (f) => `/api/case-files/${f.id}/interventions`,
    undefined,
    { siad: true },
  ),
};
