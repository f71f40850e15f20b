import { costCategoryProblem, isValidDocument, phoneProblem } from '@caliu/common';
import type { ProfessionalField, ProfessionalValues } from './form-values';

/** What is wrong with a field, before any server is asked. */
export type Problem =
  | 'required'
  | 'document'
  | 'email'
  | 'email_domain'
  | 'username'
  | 'roles'
  | 'cost_category_required'
  | 'mobile';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export type ValidationContext = {
  /** The entity's email domains, when known (the server checks them in any case). */
  domains: readonly string[] | null;
  creating: boolean;
};

/**
 * The problems the form can see by itself, by field: the rules of the API (common/identity.ts)
 * and the entity's email domains, so that they show while the user types.
 */
export function professionalProblems(
  values: ProfessionalValues,
  { domains, creating }: ValidationContext,
): Partial<Record<ProfessionalField, Problem>> {
  const problems: Partial<Record<ProfessionalField, Problem>> = {};
  if (!values.givenName.trim()) problems.givenName = 'required';
  if (!values.surnames.trim()) problems.surnames = 'required';
  const document = values.documentNumber.trim();
  // Accounts made before documents were recorded (create-admin, the demo) may lack one: an edit
  // need not add it.
  if (!document) {
    if (creating) problems.documentNumber = 'required';
  } else if (!isValidDocument(values.documentType, document)) problems.documentNumber = 'document';
  const email = values.email.trim().toLowerCase();
  if (!email) problems.email = 'required';
  else if (!EMAIL.test(email)) problems.email = 'email';
  else if (domains && !domains.includes(email.split('@').pop() ?? '')) {
    problems.email = 'email_domain';
  }
  const username = values.username.trim().toLowerCase();
  if (creating && username && !USERNAME.test(username)) problems.username = 'username';
  if (values.roles.length === 0) problems.roles = 'roles';
  if (costCategoryProblem(values.roles, values.costCategory || null) === 'cost_category_required') {
    problems.costCategory = 'cost_category_required';
  }
  const mobile = values.mobile.trim();
  if (creating && mobile && phoneProblem(mobile, { mobile: true })) problems.mobile = 'mobile';
  return problems;
}
