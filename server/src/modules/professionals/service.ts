import {
  costCategoryProblem,
  normalizeDocument,
  type Professional,
  type ProfessionalCreate,
  type ProfessionalPatch,
  type Role,
  SUPPORT_ENTITY_CODE,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { deactivateProfessional } from '../../commands/deactivate-professional';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { type Refusals, withRefusals } from '../../platform/db-errors';
import { enqueue } from '../../platform/messaging/outbox';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { decodeKeyCursor, toKeyPage } from '../../platform/pagination';
import { existingSectors, findEntity } from '../organization/repository';
import { existingTeams } from '../organization/team-repository';
import {
  type ActivationSent,
  type ActivationTarget,
  enqueueActivationEmail,
  sendActivationSms,
} from './activation';
import { present, viewerOf } from './present';
import * as repo from './repository';
import { assertNotLastAdministrator, sameRoles } from './rules';

async function reread(tx: Tx, ctx: RequestContext, id: string) {
  return present(ctx, (await repo.findProfessional(tx, viewerOf(ctx), id))!);
}

export async function list(
  deps: AppDeps,
  ctx: RequestContext,
  query: {
    limit: number;
    cursor?: string | undefined;
    q?: string | undefined;
    teamId?: string | undefined;
    active?: 'true' | 'false' | undefined;
  },
) {
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.listProfessionals(
      tx,
      viewerOf(ctx),
      {
        q: query.q,
        teamId: query.teamId,
        active: query.active === undefined ? undefined : query.active === 'true',
      },
      query.limit,
      decodeKeyCursor(query.cursor),
    ),
  );
  return toKeyPage(rows, query.limit, (row) => present(ctx, row));
}

export async function get(deps: AppDeps, ctx: RequestContext, id: string) {
  const row = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.findProfessional(tx, viewerOf(ctx), id),
  );
  if (!row) throw notFound('professional');
  return present(ctx, row);
}

/** The rules that need the entity: email domain, the support role, sector and teams. */
async function checkAgainstEntity(
  tx: Tx,
  ctx: RequestContext,
  input: {
    email?: string | undefined;
    roles?: Role[] | undefined;
    sectorId?: string | null | undefined;
    teams?: { teamId: string }[] | undefined;
  },
) {
  const entity = (await findEntity(tx, ctx.auth.entity.id))!;
  if (input.email !== undefined) {
    const domain = input.email.split('@').pop()!.toLowerCase();
    if (!entity.emailDomains.includes(domain)) {
      throw fieldError(ctx, 400, 'professional.email_domain', 'email', {
        domains: entity.emailDomains.join(', '),
      });
    }
  }
  if (input.roles?.includes('support_agent') && entity.code !== SUPPORT_ENTITY_CODE) {
    throw fieldError(ctx, 400, 'professional.support_agent_role', 'roles');
  }
  if (input.sectorId && !(await existingSectors(tx, [input.sectorId])).length) {
    throw fieldError(ctx, 400, 'professional.unknown_sector', 'sectorId');
  }
  if (input.teams?.length) {
    const ids = input.teams.map((t) => t.teamId);
    const found = new Set(await existingTeams(tx, ids));
    if (ids.some((id) => !found.has(id))) {
      throw fieldError(ctx, 400, 'professional.unknown_team', 'teams');
    }
  }
  return entity;
}

/** A free username: the one asked for, or one made from the email's local part. */
async function chooseUsername(
  tx: Tx,
  ctx: RequestContext,
  asked: string | undefined,
  email: string,
) {
  if (asked) {
    if (await repo.usernameTaken(tx, asked)) {
      throw fieldError(ctx, 409, 'professional.username_taken', 'username', { username: asked });
    }
    return asked;
  }
  let base = email
    .split('@')[0]!
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 56);
  if (base.length < 2) base = `user${base}`;
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.usernameTaken(tx, candidate))) return candidate;
  }
  throw fieldError(ctx, 409, 'professional.username_taken', 'username', { username: base });
}

/** The unique indexes, as what the administrator can act on. */
const uniqueFields = (ctx: RequestContext): Refusals => ({
  unique: (constraint) =>
    constraint.includes('email')
      ? fieldError(ctx, 409, 'professional.email_taken', 'email')
      : constraint.includes('document')
        ? fieldError(ctx, 409, 'professional.document_taken', 'documentNumber')
        : constraint.includes('username')
          ? fieldError(ctx, 409, 'professional.username_taken', 'username', { username: '' })
          : null,
});

/**
 * The administrator creates a professional. The activation link goes by email, queued in the
 * same transaction; or by SMS, sent right after it commits, when a mobile number is given (the
 * number is never stored). A new administrator is emailed to the other administrators.
 */
export async function create(
  deps: AppDeps,
  ctx: RequestContext,
  input: ProfessionalCreate,
): Promise<Professional & { activation: ActivationSent }> {
  const entityId = ctx.auth.entity.id;
  const { mobile, teams, username: asked, ...fields } = input;
  let target: ActivationTarget | undefined;
  const created = await withRefusals(
    () =>
      deps.database.tenant(entityId, async (tx) => {
        const entity = await checkAgainstEntity(tx, ctx, { ...fields, teams });
        const username = await chooseUsername(tx, ctx, asked, fields.email);
        const id = await repo.insertProfessional(tx, entityId, {
          ...fields,
          username,
          documentNumber: normalizeDocument(fields.documentNumber),
        });
        await repo.replaceMemberships(tx, entityId, id, teams);
        target = {
          entityId,
          entityName: entity.name,
          professionalId: id,
          givenName: fields.givenName,
          username,
          email: fields.email,
          language: fields.language ?? entity.defaultLanguage,
        };
        if (!mobile) await enqueueActivationEmail(tx, target);
        await writeAudit(tx, actorOf(ctx), {
          action: 'professional.create',
          recordType: 'professional',
          recordId: id,
          details: {
            roles: fields.roles,
            teams: teams.map((t) => t.teamId),
            activationBy: mobile ? 'sms' : 'email',
          },
        });
        // A new administrator is a grant of power like any role change: the others are told.
        if (fields.roles.includes('administrator')) {
          const told = await repo.otherAdministrators(tx, ctx.auth.professionalId);
          await tellAdministrators(
            tx,
            ctx,
            told.filter((a) => a.id !== id),
            { id, username, givenName: fields.givenName, surnames: fields.surnames, roles: [] },
            fields.roles,
          );
        }
        return reread(tx, ctx, id);
      }),
    uniqueFields(ctx),
  );
  const activation = mobile
    ? await sendActivationSms(deps, ctx, target!, mobile)
    : { channel: 'email' as const, smsFailed: false };
  return { ...created, activation };
}

/**
 * The administrator changes a professional. Never their own roles (another administrator must);
 * every role change is audited and emailed to the entity's other administrators in the same
 * transaction; the last active administrator keeps the role.
 */
export async function update(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  patch: ProfessionalPatch,
): Promise<Professional> {
  const entityId = ctx.auth.entity.id;
  const changed = () =>
    deps.database.tenant(entityId, async (tx) => {
      const administrators = await repo.lockActiveAdministrators(tx);
      const current = await repo.lockProfessional(tx, id);
      if (!current) throw notFound('professional');
      const { teams, ...fields } = patch;
      const roles = fields.roles ?? current.roles;
      const rolesChanged = !sameRoles(roles, current.roles);
      if (rolesChanged && id === ctx.auth.professionalId) {
        throw fieldError(ctx, 403, 'professional.own_roles', 'roles');
      }
      if (rolesChanged && !roles.includes('administrator')) {
        assertNotLastAdministrator(administrators, id);
      }
      // Taking the immigration role away takes its cost category with it.
      if (
        fields.roles &&
        !roles.includes('tech_immigration') &&
        fields.costCategory === undefined
      ) {
        fields.costCategory = null;
      }
      const costCategory =
        fields.costCategory === undefined ? current.costCategory : fields.costCategory;
      const problem = costCategoryProblem(roles, costCategory);
      if (problem) throw fieldError(ctx, 400, `professional.${problem}`, 'costCategory');
      await checkAgainstEntity(tx, ctx, { ...fields, teams });
      if (fields.documentNumber !== undefined) {
        fields.documentNumber = normalizeDocument(fields.documentNumber);
      }
      const teamsBefore = teams ? (await repo.findProfessional(tx, viewerOf(ctx), id))!.teams : [];
      // Told of a role change: the administrators but the one who acts, and a new one.
      const told = rolesChanged ? await repo.otherAdministrators(tx, ctx.auth.professionalId) : [];
      if (Object.keys(fields).length) await repo.updateProfessional(tx, id, fields);
      if (teams) await repo.replaceMemberships(tx, entityId, id, teams);
      await writeAudit(tx, actorOf(ctx), {
        action: 'professional.update',
        recordType: 'professional',
        recordId: id,
        details: {
          fields: Object.keys(patch),
          ...(rolesChanged ? { roles: { from: current.roles, to: roles } } : {}),
          ...(teams ? { teams: { from: teamsBefore, to: teams } } : {}),
        },
      });
      if (rolesChanged) {
        if (roles.includes('administrator') && current.active && !told.some((a) => a.id === id)) {
          told.push({
            id,
            email: current.email,
            givenName: current.givenName,
            language: current.language,
          });
        }
        await tellAdministrators(tx, ctx, told, current, roles);
      }
      return reread(tx, ctx, id);
    });
  return withRefusals(changed, uniqueFields(ctx));
}

/** Emails the administrators the caller chose of a role change, in each one's language. */
async function tellAdministrators(
  tx: Tx,
  ctx: RequestContext,
  recipients: Awaited<ReturnType<typeof repo.otherAdministrators>>,
  professional: {
    id: string;
    givenName: string;
    surnames: string;
    username: string;
    roles: Role[];
  },
  roles: Role[],
) {
  const actor = await repo.findProfessional(tx, viewerOf(ctx), ctx.auth.professionalId);
  const changedBy = actor ? `${actor.givenName} ${actor.surnames}` : ctx.auth.username;
  for (const admin of recipients) {
    await enqueue(tx, {
      entityId: ctx.auth.entity.id,
      channel: 'email',
      template: 'role_change',
      to: admin.email,
      language: admin.language,
      data: {
        givenName: admin.givenName,
        professionalName: `${professional.givenName} ${professional.surnames}`,
        username: professional.username,
        changedBy,
        before: professional.roles,
        after: roles,
      },
      idempotencyKey: `role_change:${ctx.request.id}:${professional.id}:${admin.id}`,
    });
  }
}

/** The administrator deactivates a professional (commands/deactivate-professional.ts). */
export async function deactivate(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<Professional> {
  await deactivateProfessional(deps, ctx, { professionalId: id });
  return get(deps, ctx, id);
}

/** The administrator reactivates a professional of the entity. */
export async function reactivate(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<Professional> {
  const now = deps.clock.now();
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const current = await repo.lockProfessional(tx, id);
    if (!current) throw notFound('professional');
    if (!current.active) {
      await repo.setActive(tx, id, true, now);
      await writeAudit(tx, actorOf(ctx), {
        action: 'professional.reactivate',
        recordType: 'professional',
        recordId: id,
      });
    }
    return reread(tx, ctx, id);
  });
}

/** A new activation link (the earlier one stops working when the new one is sent). */
export async function resendActivation(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  mobile: string | undefined,
): Promise<ActivationSent> {
  const entityId = ctx.auth.entity.id;
  const target = await deps.database.tenant(entityId, async (tx) => {
    const current = await repo.lockProfessional(tx, id);
    if (!current) throw notFound('professional');
    if (!current.active) throw new AppError('professional.inactive', 409);
    if (current.activatedAt) throw new AppError('professional.already_activated', 409);
    const entity = (await findEntity(tx, entityId))!;
    const target: ActivationTarget = {
      entityId,
      entityName: entity.name,
      professionalId: id,
      givenName: current.givenName,
      username: current.username,
      email: current.email,
      language: current.language ?? entity.defaultLanguage,
    };
    if (!mobile) {
      await enqueueActivationEmail(tx, target);
      await writeAudit(tx, actorOf(ctx), {
        action: 'professional.activation_send',
        recordType: 'professional',
        recordId: id,
        details: { channel: 'email', smsFailed: false },
      });
    }
    return target;
  });
  return mobile
    ? sendActivationSms(deps, ctx, target, mobile)
    : { channel: 'email', smsFailed: false };
}
