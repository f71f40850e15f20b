import type { Professional } from '@caliu/common';
import type { RequestContext } from '../../platform/context';
import type * as repo from './repository';

/** The viewer as the professional queries need them. */
export function viewerOf(ctx: RequestContext): repo.Viewer {
  return {
    professionalId: ctx.auth.professionalId,
    configureScope: ctx.auth.grants['teams.configure_members'] ?? null,
  };
}

/** A professional as this viewer sees them, with what they may do with the record. */
export function present(ctx: RequestContext, row: repo.ProfessionalRow): Professional {
  const managesOrganization = Boolean(ctx.auth.grants['organization.manage']);
  return {
    id: row.id,
    username: row.username,
    givenName: row.givenName,
    surnames: row.surnames,
    email: row.email,
    ...(managesOrganization
      ? {
          document:
            row.documentType && row.documentNumber
              ? { type: row.documentType, number: row.documentNumber }
              : null,
        }
      : {}),
    roles: row.roles,
    costCategory: row.costCategory,
    sectorId: row.sectorId,
    language: row.language,
    active: row.active,
    activated: row.activatedAt !== null,
    secondFactorEnrolled: row.secondFactorEnrolled,
    teams: row.teams,
    createdAt: row.createdAt.toISOString(),
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    can: {
      edit: managesOrganization,
      editRoles: managesOrganization && row.id !== ctx.auth.professionalId,
      deactivate: managesOrganization && row.id !== ctx.auth.professionalId,
      joinTeams: row.joinable,
    },
  };
}
