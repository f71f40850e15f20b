import { type SQL, sql } from 'drizzle-orm';
import type { Permission, Scope } from '@caliu/common';
import type { AuthContext } from '../context';

/**
 * Record-level scope, applied inside SQL. Modules describe how "own" and "team" read for their
 * records; this file turns the user's grant into one predicate, so a row outside the scope is
 * simply not selected ("not found", indistinguishable from a missing row) and no list, count or
 * search can leak it. See docs/ARCHITECTURE.md, "Access".
 */

/** Who is asking: the part of the signed-in professional that scope needs. */
export type Viewer = Pick<AuthContext, 'professionalId' | 'grants'>;

/** The widest scope the user holds for a permission, or null when they hold it not at all. */
export function scopeOf(auth: Viewer | null, permission: Permission): Scope | null {
  return auth?.grants[permission] ?? null;
}

/** Teams the user coordinates (team scope), as a subquery. */
export function coordinatedTeams(auth: Pick<Viewer, 'professionalId'>): SQL {
  return sql`(SELECT tm.team_id FROM team_memberships tm
              WHERE tm.professional_id = ${auth.professionalId} AND tm.is_coordinator)`;
}

/** How a kind of record answers "is it mine?" and "is it my team's?". */
export type ScopeRules = {
  /** Rows the user owns (referent, assigned, author…). */
  own: (auth: Viewer) => SQL;
  /** Rows of the teams the user coordinates; defaults to own-only when a record has no team. */
  team?: (auth: Viewer) => SQL;
};

/**
 * The predicate for `permission` on records described by `rules`: TRUE for entity scope (the
 * tenant wall already limits rows to the entity), the team or own rule otherwise, FALSE without
 * the permission. Team scope includes own rows.
 */
export function scopePredicate(auth: Viewer, permission: Permission, rules: ScopeRules): SQL {
  switch (scopeOf(auth, permission)) {
    case 'all':
    case 'entity':
      return sql`TRUE`;
    case 'team':
      return rules.team ? sql`((${rules.own(auth)}) OR (${rules.team(auth)}))` : rules.own(auth);
    case 'own':
      return rules.own(auth);
    default:
      return sql`FALSE`;
  }
}
