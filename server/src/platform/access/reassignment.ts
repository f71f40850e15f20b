import { type SQL, sql } from 'drizzle-orm';
import type { Permission } from '@caliu/common';
import { AppError } from '../errors';
import { coordinatedTeams, type ScopeRules, scopePredicate, type Viewer } from './scope';

/**
 * Who may change the referent or the team of a record (a person now, a case file later):
 * DESIGN.md "persons, case files: change referent or team". Transfers are a coordinator's task,
 * so, whatever the user's other grants, the record's own referent has no say ("own" is nothing
 * here): the permission's scope decides, read from the user's grant — team scope is a coordinator
 * of the record's team (of any team while the record has none), entity scope the whole entity.
 */
export function reassignmentRules(teamColumn: SQL): ScopeRules {
  return {
    own: () => sql`FALSE`,
    team: (viewer) => sql`coalesce(${teamColumn} IN ${coordinatedTeams(viewer)}
      OR (${teamColumn} IS NULL AND EXISTS ${coordinatedTeams(viewer)}), FALSE)`,
  };
}

/** TRUE where the viewer may change the referent or team of a record whose team is `teamColumn`. */
export function mayReassign(viewer: Viewer, permission: Permission, teamColumn: SQL): SQL {
  return scopePredicate(viewer, permission, reassignmentRules(teamColumn));
}

/** The error codes of one kind of record (`persons.…`, `case_files.…`), each in every language. */
export type ReassignmentRefusals = {
  /** At creation: someone else named as referent by a user who may not assign referents there. */
  referentAtCreation: string;
  /** Afterwards: a referent change by anyone but a coordinator of the record's team. */
  referentChange: string;
  /** Afterwards: a team change by anyone but a coordinator of the record's team. */
  teamChange: string;
};

/**
 * The one rule, given what the record was and what is asked: at creation the creator may name
 * themself as referent or leave it empty (anyone else only where they may reassign); afterwards
 * the referent and the team change only where they may reassign. Refusals are 403s.
 */
export function assertReassignment(
  viewer: Viewer,
  refusals: ReassignmentRefusals,
  change: {
    creating: boolean;
    /** The referent asked for, when it differs from the stored one (creation: any but none). */
    referentId?: string | null | undefined;
    /** The team asked for, when it differs from the stored one (not at creation). */
    teamChanged?: boolean;
    /** Whether the viewer may reassign this record (`mayReassign`, evaluated by the caller). */
    mayReassign: boolean;
  },
): void {
  if (change.creating) {
    const someoneElse =
      change.referentId !== undefined &&
      change.referentId !== null &&
      change.referentId !== viewer.professionalId;
    if (someoneElse && !change.mayReassign) throw new AppError(refusals.referentAtCreation, 403);
    return;
  }
  if (change.referentId !== undefined && !change.mayReassign) {
    throw new AppError(refusals.referentChange, 403);
  }
  if (change.teamChanged && !change.mayReassign) throw new AppError(refusals.teamChange, 403);
}
