import { CASE_SCOPES } from '@caliu/common';
import type { CaseScope, PersonActive } from '@caliu/common';

/** Whether anything at all is active for the person (else the panel says so in words). */
export const anythingActive = (active: PersonActive) =>
  active.caseFiles.length > 0 ||
  active.problems.length > 0 ||
  active.resources.length > 0 ||
  active.nextReview !== null;

/** A scope the console has words for (the API sends it as a plain string). */
export const isScope = (scope: string): scope is CaseScope =>
  (CASE_SCOPES as readonly string[]).includes(scope);
