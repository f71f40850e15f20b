import type { Role } from '@caliu/common';

/**
 * THE EXPECTED AUTHORIZATION MATRIX, written by hand from DESIGN.md's "Roles and permissions"
 * table — deliberately NOT derived from common/src/permissions.ts, so that the application's map
 * cannot simply agree with itself. The matrix test calls every route as every role (and
 * anonymous) in every relation and compares the answer with this table; a route without a row
 * here fails the test. Every issue that adds routes adds their rows.
 *
 * Relations between the caller and the target record:
 *   self        the caller's own session/profile (no other record)
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
};

const SELF: Relation[] = ['self'];
const NONE: Relation[] = ['none'];

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
  // Platform: public by nature.
  'GET /api/health': { relations: NONE, allow: everyone(NONE, true) },
  'GET /api/openapi.json': { relations: NONE, allow: everyone(NONE, true) },
  'POST /api/auth/login': { relations: NONE, allow: everyone(NONE, true) },

  // A signed-in user's own session and profile: every role, never anonymous.
  'GET /api/me': { relations: SELF, allow: everyone(SELF) },
  'PUT /api/me/preferences': { relations: SELF, allow: everyone(SELF) },
  'POST /api/auth/logout': { relations: SELF, allow: everyone(SELF) },
  'POST /api/auth/keep-alive': { relations: SELF, allow: everyone(SELF) },

  // Support desk: "support ticket: open (floating button)" — every role; the list shows one's own.
  'GET /api/support/tickets': { relations: SELF, allow: everyone(SELF) },

  // "audit log of the entity: view" — administrator only.
  'GET /api/audit': { relations: NONE, allow: { administrator: NONE } },
  'GET /api/audit/export': { relations: NONE, allow: { administrator: NONE } },
};
