import { type SQL, sql } from 'drizzle-orm';
import { type CaseScope, type Permission, technicianScopes } from '@caliu/common';
import type { AuthContext } from '../../platform/context';
import { mayReassign } from '../../platform/access/reassignment';
import { coordinatedTeams, type ScopeRules, scopePredicate } from '../../platform/access/scope';

/**
 * Who reaches which case file, as SQL over the row aliased `cf` (DESIGN.md "Roles and
 * permissions", decision 0005). Every query of the module builds its WHERE from these, so lists,
 * counts, the number search, a person's page and the "not found" of a single read agree.
 *
 * own  = the viewer is the referent or is assigned, and — for a technician — the case file is of
 *        a scope their roles work (a coordinator's own files are of any scope); or the viewer
 *        covers today an absent colleague who is, in the file's team (any scope but SIAD, which
 *        only a SIAD technician covers);
 * team = the case file's team is one the viewer coordinates;
 * SIAD = whatever the grant, a SIAD case file exists only for SIAD technicians who own it and the
 *        coordinators of its team: that conjunct is part of every predicate below.
 */
export type CaseFileViewer = Pick<AuthContext, 'professionalId' | 'grants' | 'roles'> & {
  /** Absent colleagues whose case files of a team the viewer covers today (none if absent). */
  covers?: AuthContext['covers'];
};

const assignedTo = (professionalId: string) => sql`(cf.referent_id = ${professionalId}
  OR EXISTS (SELECT 1 FROM case_file_professionals a WHERE a.entity_id = cf.entity_id
    AND a.case_file_id = cf.id AND a.professional_id = ${professionalId}))`;

/**
 * The case files the viewer covers today for absent colleagues: theirs of the covered team. A
 * cover adds files, whatever their scope (the colleague's work goes on), but never a SIAD file
 * to anyone but a SIAD technician.
 */
function coveredFiles(viewer: CaseFileViewer): SQL | null {
  const covers = viewer.covers ?? [];
  if (covers.length === 0) return null;
  const siadTechnician = technicianScopes(viewer.roles).includes('siad');
  return sql`((${sql.join(
    covers.map((c) => sql`(cf.team_id = ${c.teamId} AND ${assignedTo(c.absentId)})`),
    sql` OR `,
  )})${siadTechnician ? sql`` : sql` AND cf.scope <> 'siad'`})`;
}

/** The viewer's own case files (referent or assigned) or those they cover, with `mine` as own. */
function ownOrCovered(viewer: CaseFileViewer, mine: SQL): SQL {
  const covered = coveredFiles(viewer);
  return covered ? sql`(${mine} OR ${covered})` : mine;
}

const scopeList = (scopes: readonly CaseScope[]) =>
  scopes.length === 0
    ? sql`FALSE`
    : sql`cf.scope IN (${sql.join(
        scopes.map((s) => sql`${s}`),
        sql`, `,
      )})`;

function rulesFor(viewer: CaseFileViewer): ScopeRules {
  const coordinator = viewer.roles.includes('coordinator');
  const scopes = technicianScopes(viewer.roles);
  return {
    own: (v) =>
      ownOrCovered(
        viewer,
        coordinator
          ? assignedTo(v.professionalId)
          : sql`(${assignedTo(v.professionalId)} AND ${scopeList(scopes)})`,
      ),
    team: (v) => sql`coalesce(cf.team_id IN ${coordinatedTeams(v)}, FALSE)`,
  };
}

/** The SIAD wall: a SIAD case file only for its SIAD technicians and its team's coordinators. */
export function siadWall(viewer: CaseFileViewer): SQL {
  const siadTechnician = technicianScopes(viewer.roles).includes('siad');
  return sql`(cf.scope <> 'siad'
    ${siadTechnician ? sql`OR ${ownOrCovered(viewer, assignedTo(viewer.professionalId))}` : sql``}
    OR coalesce(cf.team_id IN ${coordinatedTeams(viewer)}, FALSE))`;
}

/** The case files on which the viewer holds `permission`, SIAD wall included. */
export function caseFileScope(viewer: CaseFileViewer, permission: Permission): SQL {
  return sql`(${scopePredicate(viewer, permission, rulesFor(viewer))} AND ${siadWall(viewer)})`;
}

/** Whether the viewer sees the case file at all (its header). */
export const visible = (viewer: CaseFileViewer) => caseFileScope(viewer, 'case_files.view');

/**
 * The viewer's abilities on the row `cf`, as SQL columns selected beside it (the same query as
 * its scope): the console offers only these, the commands check them again.
 */
export function abilityColumns(viewer: CaseFileViewer): SQL {
  const reassign = sql`(${caseFileScope(viewer, 'case_files.edit')} AND ${siadWall(viewer)} AND coalesce(${mayReassign(
    viewer,
    'persons.change_referent',
    sql`cf.team_id`,
  )}, FALSE))`;
  return sql`${caseFileScope(viewer, 'case_files.edit')} AS can_edit,
    ${reassign} AS can_reassign,
    ${caseFileScope(viewer, 'case_files.unlink_person')} AS can_unlink,
    ${caseFileScope(viewer, 'content.view')} AS can_view_content,
    ${caseFileScope(viewer, 'content.edit')} AS can_add_content,
    ${caseFileScope(viewer, 'content.transfer')} AS can_move_content,
    ${caseFileScope(viewer, 'plans.edit')} AS can_edit_plans`;
}

export type AbilityRow = {
  can_edit: boolean;
  can_reassign: boolean;
  can_unlink: boolean;
  can_view_content: boolean;
  can_add_content: boolean;
  can_move_content: boolean;
  can_edit_plans: boolean;
};
