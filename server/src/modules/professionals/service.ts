import {
  costCategoryProblem,
  normalizeDocument,
  type Professional,
  type ProfessionalCreate,
  type ProfessionalPatch,
  type Role,
  SUPPORT_ENTITY_CODE,
} from '@caliu/common';
import type { TFunction } from 'i18next';
import type { Tx } from '../../db/connect';
import type { entities } from '../../db/schema';
import { type AuditActor, writeAudit } from '../../platform/audit';
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
  smsFallbackAt,
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

/**
 * A refusal of the identity rules before it is thrown: the administrator's routes throw it (a
 * field error), a support ticket's preview shows it as a blocker (decision 0010).
 */
type Refusal = {
  status: 400 | 409;
  /** The error's code (`professional.email_domain`), worded under `errors.` */
  code: string;
  field: string;
  params?: Record<string, string | number>;
};

/** The refusal as the error the API answers, in the words of `t`. */
const refusalError = (t: TFunction, r: Refusal) =>
  fieldError({ t }, r.status, r.code, r.field, r.params);

type EntityRow = typeof entities.$inferSelect;

/** The rules that need the entity: email domain, the support role, sector and teams. */
async function entityRefusals(
  tx: Tx,
  entity: EntityRow,
  input: {
    email?: string | undefined;
    roles?: Role[] | undefined;
    sectorId?: string | null | undefined;
    teams?: { teamId: string }[] | undefined;
  },
): Promise<Refusal[]> {
  const refusals: Refusal[] = [];
  if (input.email !== undefined) {
    const domain = input.email.split('@').pop()!.toLowerCase();
    if (!entity.emailDomains.includes(domain)) {
      refusals.push({
        status: 400,
        code: 'professional.email_domain',
        field: 'email',
        params: { domains: entity.emailDomains.join(', ') },
      });
    }
  }
  if (input.roles?.includes('support_agent') && entity.code !== SUPPORT_ENTITY_CODE) {
    refusals.push({ status: 400, code: 'professional.support_agent_role', field: 'roles' });
  }
  if (input.sectorId && !(await existingSectors(tx, [input.sectorId])).length) {
    refusals.push({ status: 400, code: 'professional.unknown_sector', field: 'sectorId' });
  }
  if (input.teams?.length) {
    const ids = input.teams.map((t) => t.teamId);
    const found = new Set(await existingTeams(tx, ids));
    if (ids.some((id) => !found.has(id))) {
      refusals.push({ status: 400, code: 'professional.unknown_team', field: 'teams' });
    }
  }
  return refusals;
}

/** The same, thrown (the first one broken); answers the entity. */
async function checkAgainstEntity(
  tx: Tx,
  ctx: RequestContext,
  input: Parameters<typeof entityRefusals>[2],
) {
  const entity = (await findEntity(tx, ctx.auth.entity.id))!;
  const [refused] = await entityRefusals(tx, entity, input);
  if (refused) throw refusalError(ctx.t, refused);
  return entity;
}

const usernameTaken = (username: string): Refusal => ({
  status: 409,
  code: 'professional.username_taken',
  field: 'username',
  params: { username },
});

/** A free username: the one asked for, or one made from the email's local part. */
async function chooseUsername(
  tx: Tx,
  asked: string | undefined,
  email: string,
): Promise<{ username: string } | { refusal: Refusal }> {
  if (asked) {
    return (await repo.usernameTaken(tx, asked))
      ? { refusal: usernameTaken(asked) }
      : { username: asked };
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
    if (!(await repo.usernameTaken(tx, candidate))) return { username: candidate };
  }
  return { refusal: usernameTaken(base) };
}

/** The unique indexes, as what the administrator can act on. */
const uniqueFields = (ctx: { t: TFunction }): Refusals => ({
  unique: (constraint) =>
    constraint.includes('email')
      ? fieldError(ctx, 409, 'professional.email_taken', 'email')
      : constraint.includes('document')
        ? fieldError(ctx, 409, 'professional.document_taken', 'documentNumber')
        : constraint.includes('username')
          ? fieldError(ctx, 409, 'professional.username_taken', 'username', { username: '' })
          : null,
});

/** A new professional as the creation takes it (the mobile, if any, is the caller's). */
export type NewProfessional = Omit<ProfessionalCreate, 'mobile'>;

/**
 * Whether a new professional can be created, read only: every refusal the creation would throw
 * (in the order it checks them) and the username they would get. A support ticket's preview
 * shows this; the creation checks it again in its own transaction.
 */
export async function creationCheck(
  tx: Tx,
  entity: EntityRow,
  input: NewProfessional,
): Promise<{ refusals: Refusal[]; username: string | null }> {
  const refusals = await entityRefusals(tx, entity, input);
  const problem = costCategoryProblem(input.roles, input.costCategory);
  if (problem) {
    refusals.push({ status: 400, code: `professional.${problem}`, field: 'costCategory' });
  }
  const chosen = await chooseUsername(tx, input.username, input.email);
  if ('refusal' in chosen) refusals.push(chosen.refusal);
  if (await repo.emailTaken(tx, input.email)) {
    refusals.push({ status: 409, code: 'professional.email_taken', field: 'email' });
  }
  const document = normalizeDocument(input.documentNumber);
  if (await repo.documentTaken(tx, input.documentType, document)) {
    refusals.push({ status: 409, code: 'professional.document_taken', field: 'documentNumber' });
  }
  return { refusals, username: 'username' in chosen ? chosen.username : null };
}

/** Who creates a professional: the audit's actor, and how the other administrators name them. */
type Creator = {
  actor: AuditActor;
  /** The words of a refusal. */
  t: TFunction;
  /** Named to the other administrators when the new professional is an administrator. */
  name: string;
  /** The support ticket the creation answers (an agent's run): named on the audit row. */
  ticketId?: string;
};

/**
 * Creates a professional in the caller's transaction (the administrator's route, or a support
 * agent's run of a "new professional" ticket): the rules of the entity, a free username, the
 * record and its memberships, the activation email queued — or, when the link goes by SMS (sent
 * by the caller once the transaction committed: `sendActivationSms`), queued for `smsFallbackAt`
 * as the SMS's fallback (`fallbackEmailId`, for the caller to withdraw or hurry) — the audit row,
 * and a new administrator emailed to the other administrators. A refusal is thrown.
 */
export async function createProfessional(
  tx: Tx,
  entity: EntityRow,
  by: Creator,
  input: NewProfessional,
  activation: 'email' | { smsFallbackAt: Date },
): Promise<{ id: string; target: ActivationTarget; fallbackEmailId: string | null }> {
  const activationBy = activation === 'email' ? 'email' : 'sms';
  const { teams, username: _asked, ...fields } = input;
  const checked = await creationCheck(tx, entity, input);
  const [refused] = checked.refusals;
  if (refused) throw refusalError(by.t, refused);
  const username = checked.username!;
  const id = await withRefusals(
    () =>
      repo.insertProfessional(tx, entity.id, {
        ...fields,
        username,
        documentNumber: normalizeDocument(fields.documentNumber),
      }),
    uniqueFields(by),
  );
  await repo.replaceMemberships(tx, entity.id, id, teams);
  const target: ActivationTarget = {
    entityId: entity.id,
    entityName: entity.name,
    professionalId: id,
    givenName: fields.givenName,
    username,
    email: fields.email,
    language: fields.language ?? entity.defaultLanguage,
  };
  const queued = await enqueueActivationEmail(
    tx,
    target,
    activation === 'email' ? undefined : activation.smsFallbackAt,
  );
  await writeAudit(tx, by.actor, {
    action: 'professional.create',
    recordType: 'professional',
    recordId: id,
    ...(by.ticketId ? { ticketId: by.ticketId } : {}),
    details: {
      roles: fields.roles,
      teams: teams.map((t) => t.teamId),
      activationBy,
    },
  });
  // A new administrator is a grant of power like any role change: the others are told.
  if (fields.roles.includes('administrator')) {
    const told = await repo.otherAdministrators(tx, by.actor.actorId ?? id);
    await tellAdministrators(
      tx,
      { entityId: entity.id, name: by.name, requestId: by.actor.requestId ?? id },
      told.filter((a) => a.id !== id),
      { id, username, givenName: fields.givenName, surnames: fields.surnames, roles: [] },
      fields.roles,
    );
  }
  return { id, target, fallbackEmailId: activation === 'email' ? null : queued };
}

/** Who acts, as the other administrators are told of it. */
const changerOf = (ctx: RequestContext): Changer => ({
  entityId: ctx.auth.entity.id,
  name: `${ctx.auth.givenName} ${ctx.auth.surnames}`.trim() || ctx.auth.username,
  requestId: ctx.request.id,
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
  const { mobile, ...fields } = input;
  const actor = actorOf(ctx);
  const made = await deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const entity = (await findEntity(tx, ctx.auth.entity.id))!;
    const by = { actor, t: ctx.t, name: changerOf(ctx).name };
    const activation = mobile ? { smsFallbackAt: smsFallbackAt(deps, deps.clock.now()) } : 'email';
    const made = await createProfessional(tx, entity, by, fields, activation);
    return { ...made, created: await reread(tx, ctx, made.id) };
  });
  const { created, target, fallbackEmailId } = made;
  const activation = mobile
    ? await sendActivationSms(deps, { actor, log: ctx.log }, target, mobile, fallbackEmailId)
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
        await tellAdministrators(tx, changerOf(ctx), told, current, roles);
      }
      return reread(tx, ctx, id);
    });
  return withRefusals(changed, uniqueFields(ctx));
}

/** Who changes a professional's roles, as the other administrators are told of it. */
type Changer = { entityId: string; name: string; requestId: string };

/** Emails the administrators the caller chose of a role change, in each one's language. */
async function tellAdministrators(
  tx: Tx,
  by: Changer,
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
  for (const admin of recipients) {
    await enqueue(tx, {
      entityId: by.entityId,
      channel: 'email',
      template: 'role_change',
      to: admin.email,
      language: admin.language,
      data: {
        givenName: admin.givenName,
        professionalName: `${professional.givenName} ${professional.surnames}`,
        username: professional.username,
        changedBy: by.name,
        before: professional.roles,
        after: roles,
      },
      idempotencyKey: `role_change:${by.requestId}:${professional.id}:${admin.id}`,
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
    ? sendActivationSms(deps, { actor: actorOf(ctx), log: ctx.log }, target, mobile)
    : { channel: 'email', smsFailed: false };
}
