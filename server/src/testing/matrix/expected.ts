import type { Permission, Role } from '@caliu/common';
import { PERSONS_EXPECTED } from '../persons-matrix';
import { CASE_FILES_EXPECTED } from '../case-files-matrix';
import { CASELOAD_EXPECTED } from '../caseload-matrix';
import { CASELOAD_TRANSFERS_EXPECTED } from '../caseload-transfers-matrix';
import { CATALOGUES_EXPECTED } from '../catalogues-matrix';
import { DUPLICATES_EXPECTED } from '../duplicates-matrix';
import { HOME_EXPECTED } from '../home-matrix';
import { COORDINATOR_REQUESTS_EXPECTED } from '../coordinator-requests-matrix';
import { ATTACHMENTS_EXPECTED } from '../attachments-matrix';
import { AGENDA_EXPECTED, CALENDAR_FEEDS_EXPECTED } from '../agenda-matrix';
import { SUPPORT_QUEUE_EXPECTED } from '../support-queue-matrix';
import { SUPPORT_TICKETS_EXPECTED } from '../support-tickets-matrix';
import { PUBLIC_HELP_EXPECTED } from '../public-help-matrix';
import { COMMUNITY_HELP_EXPECTED } from '../community-help-matrix';

/**
 * THE EXPECTED AUTHORIZATION MATRIX, written by hand from DESIGN.md's "Roles and permissions"
 * table — deliberately NOT derived from common/src/permissions.ts, so that the application's map
 * cannot simply agree with itself. The matrix test calls every route as every role (and
 * anonymous) in every relation and compares the answer with this table; a route without a row
 * here fails the test. Every issue that adds routes adds their rows.
 *
 * Relations between the caller and the target record:
 *   self        the caller's own session/profile, or their own upload (attachments)
 *   none        no target record (lists, creation, entity-wide searches)
 *   own         a record the caller owns (referent / assigned / author)
 *   team        a record of a team the caller coordinates (or belongs to, for the agenda)
 *   other_team  a record of another team of the same entity
 *   other_entity a record of another entity (always denied: the tenant wall)
 */
export type Relation = 'self' | 'none' | 'own' | 'team' | 'other_team' | 'other_entity';
export type Caller = Role | 'anonymous';

export type ExpectedRow = {
  relations: Relation[];
  /** Callers allowed, with the relations in which they are allowed. Absent = denied everywhere. */
  allow: Partial<Record<Caller, Relation[]>>;
  /**
   * Only on a variant: the permission its request needs besides the route's, for the check
   * against the application's map. A variant without one is a rule beyond the map (who may be
   * added to a team, never one's own roles…), proven by its cells alone.
   */
  permission?: Permission;
};

/**
 * A route may have variants besides its own row: the same route with a request that exercises
 * one rule (`PATCH /api/persons/:id (referent)`), each a row of its own whose key is the route's
 * followed by a space and a parenthesis.
 */
export function routeOf(key: string): string {
  const at = key.indexOf(' (');
  return at < 0 ? key : key.slice(0, at);
}

/** The rows of a route: its own, then its variants. */
export function rowsOf(route: string): string[] {
  return Object.keys(EXPECTED).filter((key) => routeOf(key) === route);
}

const SELF: Relation[] = ['self'];
const NONE: Relation[] = ['none'];
/** A record of the caller's entity ("none") or of another entity. */
const IN_ENTITY: Relation[] = ['none', 'other_entity'];
/** A team the caller coordinates, another team, a team of another entity. */
const TEAMS: Relation[] = ['team', 'other_team', 'other_entity'];
const CONFIGURE_MEMBERS: Partial<Record<Role | 'anonymous', Relation[]>> = {
  administrator: ['team', 'other_team'],
  coordinator: ['team'],
};
/** Every team of the entity, for the administrator alone. */
const ADMINISTRATOR_TEAMS: Partial<Record<Role | 'anonymous', Relation[]>> = {
  administrator: ['team', 'other_team'],
};

/** Every professional role of a council, the community-help roles and the support agent. */
const EVERY_ROLE: Role[] = [
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

function everyone(
  relations: Relation[],
  withAnonymous = false,
): Partial<Record<Caller, Relation[]>> {
  const allow: Partial<Record<Caller, Relation[]>> = {};
  for (const role of EVERY_ROLE) allow[role] = relations;
  if (withAnonymous) allow.anonymous = relations;
  return allow;
}

export const EXPECTED: Record<string, ExpectedRow> = {
  ...PERSONS_EXPECTED,
  ...CASE_FILES_EXPECTED,
  ...CATALOGUES_EXPECTED,
  ...CASELOAD_EXPECTED,
  ...CASELOAD_TRANSFERS_EXPECTED,
  ...COMMUNITY_HELP_EXPECTED,
  ...DUPLICATES_EXPECTED,
  ...HOME_EXPECTED,
  ...COORDINATOR_REQUESTS_EXPECTED,
  ...ATTACHMENTS_EXPECTED,
  ...AGENDA_EXPECTED,
  ...CALENDAR_FEEDS_EXPECTED,
  ...SUPPORT_QUEUE_EXPECTED,
  ...SUPPORT_TICKETS_EXPECTED,
  ...PUBLIC_HELP_EXPECTED,
  // Platform: public by nature.
  'GET /api/health': { relations: NONE, allow: everyone(NONE, true) },
  'GET /api/openapi.json': { relations: NONE, allow: everyone(NONE, true) },
  'POST /api/auth/login': { relations: NONE, allow: everyone(NONE, true) },

  // A signed-in user's own session and profile: every role, never anonymous.
  'GET /api/me': { relations: SELF, allow: everyone(SELF) },
  'GET /api/me/draft-keys': { relations: SELF, allow: everyone(SELF) },
  'PUT /api/me/preferences': { relations: SELF, allow: everyone(SELF) },
  'POST /api/auth/logout': { relations: SELF, allow: everyone(SELF) },
  'POST /api/auth/keep-alive': { relations: SELF, allow: everyone(SELF) },

  // Support desk: "support ticket: open (floating button)" — every role; the list shows one's own.
  'GET /api/support/tickets': { relations: SELF, allow: everyone(SELF) },
  // One's own covers (of an absent colleague's caseload, or of one's own): every role.
  'GET /api/caseload/covers/mine': { relations: SELF, allow: everyone(SELF) },
  // Notices of records assigned to oneself: every role reads and acknowledges its own.
  'GET /api/caseload/notices/mine': { relations: SELF, allow: everyone(SELF) },
  'POST /api/caseload/notices/:id/seen': { relations: SELF, allow: everyone(SELF) },

  // "audit log of the entity: view" — administrator only.
  'GET /api/audit': { relations: NONE, allow: { administrator: NONE } },
  'GET /api/audit/export': { relations: NONE, allow: { administrator: NONE } },

  // Identity: first access, password reset and the second step of a login are public (they carry
  // their own secret); a professional's own password and second factor are theirs alone.
  'POST /api/auth/login/second-factor': { relations: NONE, allow: everyone(NONE, true) },
  'GET /api/auth/activation': { relations: NONE, allow: everyone(NONE, true) },
  'POST /api/auth/activate': { relations: NONE, allow: everyone(NONE, true) },
  'POST /api/auth/password-reset-requests': { relations: NONE, allow: everyone(NONE, true) },
  'POST /api/auth/password-reset': { relations: NONE, allow: everyone(NONE, true) },
  'PUT /api/me/password': { relations: SELF, allow: everyone(SELF) },
  'GET /api/me/second-factor': { relations: SELF, allow: everyone(SELF) },
  'POST /api/me/second-factor/enrolment': { relations: SELF, allow: everyone(SELF) },
  'POST /api/me/second-factor/confirm': { relations: SELF, allow: everyone(SELF) },
  'DELETE /api/me/second-factor': { relations: SELF, allow: everyone(SELF) },

  // "teams, territorial structure, users: create" — administrator. Every professional reads the
  // territory of their own entity (forms pick municipalities and teams from it).
  'GET /api/entity': { relations: NONE, allow: { administrator: NONE } },
  'PATCH /api/entity': { relations: NONE, allow: { administrator: NONE } },
  'GET /api/municipalities': { relations: NONE, allow: everyone(NONE) },
  'POST /api/municipalities': { relations: NONE, allow: { administrator: NONE } },
  'PATCH /api/municipalities/:id': { relations: IN_ENTITY, allow: { administrator: NONE } },
  'DELETE /api/municipalities/:id': { relations: IN_ENTITY, allow: { administrator: NONE } },
  'GET /api/sectors': { relations: NONE, allow: everyone(NONE) },
  'POST /api/sectors': { relations: NONE, allow: { administrator: NONE } },
  'PATCH /api/sectors/:id': { relations: IN_ENTITY, allow: { administrator: NONE } },
  'DELETE /api/sectors/:id': { relations: IN_ENTITY, allow: { administrator: NONE } },
  'GET /api/teams': { relations: NONE, allow: everyone(NONE) },
  // The support agent's own entity is the service provider's: a council's team is another
  // entity's record for them.
  'GET /api/teams/:id': {
    relations: IN_ENTITY,
    allow: { ...everyone(NONE), support_agent: [] },
  },
  'POST /api/teams': { relations: NONE, allow: { administrator: NONE } },
  'PATCH /api/teams/:id': { relations: IN_ENTITY, allow: { administrator: NONE } },
  // "teams: configure members" — the coordinator for the teams they coordinate, the administrator
  // for every team of the entity.
  'GET /api/teams/:id/members': { relations: TEAMS, allow: CONFIGURE_MEMBERS },
  'PUT /api/teams/:id/members': { relations: TEAMS, allow: CONFIGURE_MEMBERS },
  // A coordinator adds only professionals with professional roles who work where their teams
  // serve: never an administrator, nor someone of another territory. The administrator, anyone.
  'PUT /api/teams/:id/members (adding an administrator)': {
    relations: TEAMS,
    allow: ADMINISTRATOR_TEAMS,
  },
  'PUT /api/teams/:id/members (adding someone of another territory)': {
    relations: TEAMS,
    allow: ADMINISTRATOR_TEAMS,
  },
  // Professionals: the administrator creates, edits, deactivates and reactivates them; the
  // coordinator sees the directory (to configure their teams) and changes none of them.
  'GET /api/professionals': {
    relations: NONE,
    allow: { administrator: NONE, coordinator: NONE },
  },
  'GET /api/professionals/:id': {
    relations: TEAMS,
    allow: { administrator: ['team', 'other_team'], coordinator: ['team', 'other_team'] },
  },
  'POST /api/professionals': { relations: NONE, allow: { administrator: NONE } },
  'PATCH /api/professionals/:id': { relations: IN_ENTITY, allow: { administrator: NONE } },
  'PATCH /api/professionals/:id (roles)': {
    relations: IN_ENTITY,
    allow: { administrator: NONE },
    permission: 'organization.manage',
  },
  // "change roles (never one's own)": not even the administrator.
  'PATCH /api/professionals/:id (own roles)': { relations: SELF, allow: {} },
  'POST /api/professionals/:id/deactivate': { relations: TEAMS, allow: ADMINISTRATOR_TEAMS },
  'POST /api/professionals/:id/reactivate': { relations: TEAMS, allow: ADMINISTRATOR_TEAMS },
  'POST /api/professionals/:id/resend-activation': {
    relations: IN_ENTITY,
    allow: { administrator: NONE },
  },

  // Messaging. The demo mailbox ("sent mail"): the administrator reads their entity's, the
  // support agent every entity's. Failed messages: the administrator, who retries them.
  'GET /api/mailbox': { relations: NONE, allow: { administrator: NONE, support_agent: NONE } },
  'GET /api/mailbox/:id': {
    relations: ['none', 'other_entity'],
    allow: { administrator: ['none'], support_agent: ['none', 'other_entity'] },
  },
  'GET /api/outbox/failed': { relations: NONE, allow: { administrator: NONE } },
  'POST /api/outbox/:id/retry': {
    relations: ['none', 'other_entity'],
    allow: { administrator: ['none'] },
  },
};
