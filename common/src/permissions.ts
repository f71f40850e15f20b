import type { Role } from './roles';
import { ROLES, TECHNICIAN_ROLES } from './roles';

/**
 * The permission catalogue: every action a route may require, as `module.action`.
 * DESIGN.md's role × module matrix is the specification; ROLE_PERMISSIONS below is that table as
 * data. The authorization matrix test checks it against a fixture written separately by hand.
 */
export const PERMISSIONS = [
  // Every signed-in user: their own profile, preferences and session.
  'profile.view',
  'profile.edit',
  // Persons (basic data: identification, contact, housing).
  'persons.view_basic',
  'persons.edit_basic',
  'persons.delete',
  // A coordinator's tool: reactivate a person recorded as deceased by mistake (the person's team).
  'persons.reactivate',
  // "persons, case files: change referent or team": after creation, a coordinator of the record's
  // team (at creation the creator may name themself or leave the referent empty).
  'persons.change_referent',
  // Candidate duplicates among the persons of the teams one coordinates, and dismissing a pair as
  // "not the same person" (merging is the support desk's).
  'persons.duplicates',
  // Case files.
  'case_files.view',
  'case_files.create',
  'case_files.edit',
  'case_files.unlink_person',
  // Case content: demands, problems, interventions, resources, procedures.
  'content.view',
  'content.edit',
  'content.transfer',
  'plans.edit',
  // Agenda.
  'agenda.view',
  'agenda.book',
  'agenda.reserve_multi',
  // Working hours of the sectors of one's teams (a coordinator); public holidays are the
  // administrator's (`organization.manage`).
  'agenda.working_hours',
  // Let reminders reach a person who has a SIAD case file (off by default): its SIAD circle.
  'agenda.siad_reminders',
  // Territory, teams, users. Reading the territory (municipalities, sectors, teams) is for every
  // professional of the entity: forms pick from it.
  'organization.view',
  'teams.configure_members',
  // A coordinator's view of their teams' caseload, and temporary access for an absence.
  'caseload.manage',
  'organization.manage',
  'audit.view',
  // Support desk.
  'support.open_ticket',
  'support.resolve',
  // Requests the floating button hands to coordinators (deleting persons, transferring or deleting
  // content, unlinking persons): a coordinator of the records' teams sees and closes them.
  'support.coordinator_requests',
  'mailbox.view',
  // Community help.
  'help_requests.manage',
  'help_requests.follow_up',
  'volunteers.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which rows a permission reaches. `own`: case files where the user is referent or assigned;
 * `team`: case files (or persons) whose team the user coordinates; `entity`: the whole entity;
 * `all`: every entity (the support agent, through the one audited cross-entity path).
 */
export type Scope = 'own' | 'team' | 'entity' | 'all';

const SCOPE_RANK: Record<Scope, number> = { own: 1, team: 2, entity: 3, all: 4 };

export type Grants = Partial<Record<Permission, Scope>>;

const everyone: Grants = {
  'profile.view': 'own',
  'profile.edit': 'own',
  'organization.view': 'entity',
  'support.open_ticket': 'own',
};

const technician: Grants = {
  ...everyone,
  'persons.view_basic': 'entity',
  'persons.edit_basic': 'entity',
  'case_files.view': 'own',
  'case_files.create': 'own',
  'case_files.edit': 'own',
  'content.view': 'own',
  'content.edit': 'own',
  'plans.edit': 'own',
  'agenda.view': 'own',
  'agenda.book': 'own',
};

/** DESIGN.md's matrix as data. A professional's grants are the union of their roles'. */
export const ROLE_PERMISSIONS: Record<Role, Grants> = {
  aux_admin: {
    ...everyone,
    'persons.view_basic': 'entity',
    'persons.edit_basic': 'entity',
    'agenda.view': 'team',
    'agenda.book': 'team',
  },
  tech_admin: {
    ...everyone,
    'persons.view_basic': 'entity',
    'persons.edit_basic': 'entity',
    'case_files.view': 'entity',
    'case_files.create': 'entity',
    'case_files.edit': 'entity',
    'agenda.view': 'team',
    'agenda.book': 'team',
  },
  ...(Object.fromEntries(TECHNICIAN_ROLES.map((role) => [role, technician])) as Record<
    (typeof TECHNICIAN_ROLES)[number],
    Grants
  >),
  tech_siad: { ...technician, 'agenda.siad_reminders': 'own' },
  coordinator: {
    ...everyone,
    'persons.view_basic': 'entity',
    'persons.edit_basic': 'entity',
    'persons.delete': 'team',
    'persons.reactivate': 'team',
    'persons.change_referent': 'team',
    'persons.duplicates': 'team',
    'case_files.view': 'team',
    'case_files.create': 'team',
    'case_files.edit': 'team',
    'case_files.unlink_person': 'team',
    'content.view': 'team',
    'content.edit': 'team',
    'content.transfer': 'team',
    'plans.edit': 'team',
    'agenda.view': 'team',
    'agenda.book': 'team',
    'agenda.reserve_multi': 'team',
    'agenda.working_hours': 'team',
    'agenda.siad_reminders': 'team',
    'teams.configure_members': 'team',
    'caseload.manage': 'team',
    'support.coordinator_requests': 'team',
  },
  administrator: {
    ...everyone,
    'teams.configure_members': 'entity',
    'organization.manage': 'entity',
    'audit.view': 'entity',
    'mailbox.view': 'entity',
  },
  operator: {
    ...everyone,
    'persons.view_basic': 'entity',
    'help_requests.manage': 'entity',
    'volunteers.manage': 'entity',
  },
  head_of_operations: {
    ...everyone,
    'help_requests.follow_up': 'entity',
    'volunteers.manage': 'entity',
  },
  support_agent: {
    ...everyone,
    'support.resolve': 'all',
    'mailbox.view': 'all',
  },
};

/** The union of the grants of several roles, keeping the widest scope of each permission. */
export function grantsForRoles(roles: readonly Role[]): Grants {
  const grants: Grants = {};
  for (const role of roles) {
    for (const [permission, scope] of Object.entries(ROLE_PERMISSIONS[role]) as [
      Permission,
      Scope,
    ][]) {
      const current = grants[permission];
      if (!current || SCOPE_RANK[scope] > SCOPE_RANK[current]) grants[permission] = scope;
    }
  }
  return grants;
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export { ROLES };
