/**
 * The roles of Caliu. Professional roles belong to a council's staff (DESIGN.md "Roles and
 * permissions"); operator and head of operations work community help; the support agent is the
 * service provider's staff and logs in with the reserved entity code `support`.
 */
export const TECHNICIAN_ROLES = [
  'tech_ssb',
  'tech_siad',
  'tech_sad',
  'tech_immigration',
  'tech_eaia',
] as const;

export const ROLES = [
  'aux_admin',
  'tech_admin',
  ...TECHNICIAN_ROLES,
  'coordinator',
  'administrator',
  'operator',
  'head_of_operations',
  'support_agent',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * The roles of a council's social-services staff: the only ones a coordinator may add to the teams
 * they coordinate (never an administrator, a community-help role or the support agent).
 */
export const PROFESSIONAL_ROLES = [
  'aux_admin',
  'tech_admin',
  ...TECHNICIAN_ROLES,
  'coordinator',
] as const satisfies readonly Role[];
export type TechnicianRole = (typeof TECHNICIAN_ROLES)[number];

/** The reserved entity code of the service provider's support staff. */
export const SUPPORT_ENTITY_CODE = 'support';

export const CASE_SCOPES = ['ssb', 'siad', 'sad', 'immigration', 'eaia'] as const;
export type CaseScope = (typeof CASE_SCOPES)[number];

/** The case-file scope each technician role works in. */
export const TECHNICIAN_SCOPE: Record<TechnicianRole, CaseScope> = {
  tech_ssb: 'ssb',
  tech_siad: 'siad',
  tech_sad: 'sad',
  tech_immigration: 'immigration',
  tech_eaia: 'eaia',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
