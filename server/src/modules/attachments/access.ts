import { type SQL, sql } from 'drizzle-orm';
import { ATTACHMENT_OWN_DELETE_MS, IDENTITY_CATEGORY } from '@caliu/common';
import type { AuthContext } from '../../platform/context';
import { coordinatedTeams, scopePredicate } from '../../platform/access/scope';
import { caseFileScope } from '../case-files/access';
import { viewerOf } from '../case-files/service';
import { personScope } from '../persons/repository';

/**
 * Who reaches which attachment, as SQL over a row aliased `a` that has `entity_id`, `person_id`,
 * `case_file_id` and `category_id` (a stored attachment, or the one about to be created): access
 * follows the record (docs/decisions/0007-attachments.md), through the record's own scope
 * predicates — nothing here decides scope by itself.
 *
 * - On a person: an `identity` document to whoever keeps the person's basic data
 *   (`persons.edit_basic`, to see and to attach: not the operator, whose `persons.view_basic` is
 *   there to link help requests, not to read identity papers); any other category to whoever sees
 *   the person's full record in the attachments' sense — the content scope of a case file holding
 *   the person (`content.view`; attaching: `content.edit` on an open one), SIAD wall included.
 * - On a case file or an item of its content: that case file's content scope.
 *
 * Outside it an attachment is simply not selected: the same "not found" as a missing one.
 */

export type Need = 'view' | 'attach';

/**
 * Identity documents on a person follow `persons.edit_basic` to be seen as well as attached: of
 * the roles that see basic data, only the operator lacks it (DESIGN.md's matrix).
 */
const PERMISSIONS = {
  view: { basic: 'persons.edit_basic', content: 'content.view' },
  attach: { basic: 'persons.edit_basic', content: 'content.edit' },
} as const;

const isIdentity = sql`EXISTS (SELECT 1 FROM catalogue_items c WHERE c.entity_id = a.entity_id
  AND c.id = a.category_id AND c.code = ${IDENTITY_CATEGORY})`;

/** The viewer holds `permission` on the case file of `a` (its own, or its item's). */
function onCaseFile(auth: AuthContext, permission: 'content.view' | 'content.edit'): SQL {
  return sql`EXISTS (SELECT 1 FROM case_files cf WHERE cf.entity_id = a.entity_id
    AND cf.id = a.case_file_id AND ${caseFileScope(viewerOf(auth), permission)})`;
}

/**
 * The viewer holds `permission` on a case file that holds the person of `a`: the person's full
 * record as attachments read it (content scope, not the person page's fullRecordScope). Attaching
 * (`content.edit`) goes through an open case file only, as adding content does; seeing, through
 * closed ones too.
 */
function onPersonsCaseFiles(auth: AuthContext, permission: 'content.view' | 'content.edit'): SQL {
  const open = permission === 'content.edit' ? sql`AND cf.state = 'open'` : sql``;
  return sql`EXISTS (SELECT 1 FROM case_file_members fm
    JOIN case_files cf ON cf.entity_id = fm.entity_id AND cf.id = fm.case_file_id
    WHERE fm.entity_id = a.entity_id AND fm.person_id = a.person_id ${open}
      AND ${caseFileScope(viewerOf(auth), permission)})`;
}

/** The viewer holds `permission` on the person record of `a` (basic data). */
function onPerson(auth: AuthContext, permission: 'persons.view_basic' | 'persons.edit_basic') {
  return sql`EXISTS (SELECT 1 FROM persons p WHERE p.entity_id = a.entity_id
    AND p.id = a.person_id
    AND ${personScope(permission, auth.grants[permission], auth.professionalId)})`;
}

/**
 * Whether the viewer may see (`view`) or add (`attach`) the attachment `a`. `identity` says
 * whether `a` is an identity document: by default read from its category; a caller asking about
 * a category yet to be chosen (the list's `can`) says it outright — the same predicate otherwise.
 */
export function attachmentScope(auth: AuthContext, need: Need, identity: SQL = isIdentity): SQL {
  const { basic, content } = PERMISSIONS[need];
  return sql`(CASE WHEN a.person_id IS NOT NULL
    THEN CASE WHEN ${identity} THEN ${onPerson(auth, basic)}
      ELSE ${onPersonsCaseFiles(auth, content)} END
    ELSE ${onCaseFile(auth, content)} END)`;
}

/** The team that attends the record of `a`: the person's, or the case file's. */
const recordTeam = sql`(CASE WHEN a.person_id IS NOT NULL
  THEN (SELECT p.team_id FROM persons p WHERE p.entity_id = a.entity_id AND p.id = a.person_id)
  ELSE (SELECT cf.team_id FROM case_files cf
    WHERE cf.entity_id = a.entity_id AND cf.id = a.case_file_id) END)`;

/**
 * Whether the viewer may delete the attachment `a` (which they see): its uploader within
 * ATTACHMENT_OWN_DELETE_MS of the upload, or a coordinator of the record's team — the scope of
 * "content: transfer to another case file / delete" (`content.transfer`), read from the grant.
 */
export function mayDelete(auth: AuthContext, now: Date): SQL {
  const since = new Date(now.getTime() - ATTACHMENT_OWN_DELETE_MS).toISOString();
  const coordinator = scopePredicate(auth, 'content.transfer', {
    own: () => sql`FALSE`,
    team: (viewer) => sql`coalesce(${recordTeam} IN ${coordinatedTeams(viewer)}, FALSE)`,
  });
  return sql`((a.uploaded_by = ${auth.professionalId} AND a.created_at > ${since}::timestamptz)
    OR ${coordinator})`;
}
