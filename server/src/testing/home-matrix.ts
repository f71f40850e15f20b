import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';

/**
 * The authorization matrix's rows and scenarios for the home page, written by hand from issue 16
 * and DESIGN.md: alerts concern the content of the case files one works (plans, resources,
 * interventions, their members), so they are for who reads content — the technicians (own case
 * files) and the coordinators (their teams'); switching a kind off is one's own preference.
 * Recent case files are for whoever sees case files (the technical administrator too).
 */

const NONE: Relation[] = ['none'];
const SELF: Relation[] = ['self'];
const TECHNICIANS = ['tech_ssb', 'tech_siad', 'tech_sad', 'tech_immigration', 'tech_eaia'] as const;

function allow(roles: readonly Caller[], relations: Relation[]) {
  return Object.fromEntries(roles.map((role) => [role, relations])) as Partial<
    Record<Caller, Relation[]>
  >;
}

const CONTENT_READERS = [...TECHNICIANS, 'coordinator'] as const;

export const HOME_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/home/alerts': { relations: NONE, allow: allow(CONTENT_READERS, NONE) },
  'GET /api/home/alerts/:kind': { relations: NONE, allow: allow(CONTENT_READERS, NONE) },
  'PATCH /api/home/alert-preferences': { relations: SELF, allow: allow(CONTENT_READERS, SELF) },
  'GET /api/home/recent-case-files': {
    relations: NONE,
    allow: allow([...CONTENT_READERS, 'tech_admin'], NONE),
  },
};

export const HOME_SCENARIOS: Record<string, Scenario> = {
  'GET /api/home/alerts': async () => ({ method: 'GET', url: '/api/home/alerts' }),
  'GET /api/home/alerts/:kind': async () => ({
    method: 'GET',
    url: '/api/home/alerts/person_without_referent',
  }),
  'PATCH /api/home/alert-preferences': async () => ({
    method: 'PATCH',
    url: '/api/home/alert-preferences',
    payload: { kind: 'resource_pre_assigned', enabled: true },
  }),
  'GET /api/home/recent-case-files': async () => ({
    method: 'GET',
    url: '/api/home/recent-case-files',
  }),
};
