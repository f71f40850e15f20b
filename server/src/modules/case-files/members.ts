import type { AddMember, CaseFile, MemberRole } from '@caliu/common';
import { writeAudit } from '../../platform/audit';
import { actorOf, type RequestContext } from '../../platform/context';
import { withRefusals } from '../../platform/db-errors';
import { AppError, fieldError, notFound } from '../../platform/errors';
import * as repo from './repository';
import { command, type Deps } from './service';

/**
 * The members of a case file: the persons linked to it, each with a role. Linking and changing
 * roles needs `can_edit`; unlinking is a coordinator's (`can_unlink`). The file always keeps
 * exactly one holder: naming a new one hands the former holder the new one's role, and the holder
 * is never unlinked.
 */

const holderTaken = (ctx: RequestContext) => (constraint: string) =>
  constraint === 'case_file_members_one_holder'
    ? fieldError(ctx, 409, 'case_files.holder_taken', 'role')
    : null;

/** Links a person to the case file with a role in it. */
export async function addMember(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: AddMember,
): Promise<CaseFile> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  return command(deps, ctx, id, 'can_edit', async (tx, _stored, today) => {
    if (!(await repo.personPlace(tx, entityId, input.personId))) {
      throw fieldError(ctx, 404, 'case_files.person_not_found', 'personId');
    }
    const added = await withRefusals(
      () =>
        repo.insertMember(tx, {
          entityId,
          caseFileId: id,
          personId: input.personId,
          role: input.role,
          addedOn: today,
          addedBy: auth.professionalId,
        }),
      { unique: holderTaken(ctx) },
    );
    if (!added) throw fieldError(ctx, 409, 'case_files.already_member', 'personId');
    await writeAudit(tx, actorOf(ctx), {
      action: 'case_file.member_add',
      recordType: 'case_file',
      recordId: id,
      subjects: await repo.memberIds(tx, entityId, id),
      details: { personId: input.personId, role: input.role },
    });
  });
}

/** Changes a member's role in the case file. */
export async function changeMemberRole(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  personId: string,
  role: MemberRole,
): Promise<CaseFile> {
  const entityId = ctx.auth.entity.id;
  return command(deps, ctx, id, 'can_edit', async (tx) => {
    const current = await repo.memberRole(tx, entityId, id, personId);
    if (!current) throw notFound('member');
    if (current === role) return;
    // The file keeps its holder: naming a new one hands the former holder the new one's role.
    if (current === 'holder') throw new AppError('case_files.holder_keep', 409);
    const formerHolder = role === 'holder' ? await repo.holderOf(tx, entityId, id) : null;
    if (formerHolder) await repo.setMemberRole(tx, entityId, id, formerHolder, current);
    await withRefusals(() => repo.setMemberRole(tx, entityId, id, personId, role), {
      unique: holderTaken(ctx),
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'case_file.member_role',
      recordType: 'case_file',
      recordId: id,
      subjects: await repo.memberIds(tx, entityId, id),
      details: { personId, role, ...(formerHolder ? { formerHolder } : {}) },
    });
  });
}

/** Unlinks a person from the case file (a coordinator of its team); never its last member nor its holder. */
export async function removeMember(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  personId: string,
): Promise<CaseFile> {
  const entityId = ctx.auth.entity.id;
  return command(deps, ctx, id, 'can_unlink', async (tx) => {
    const before = await repo.memberIds(tx, entityId, id);
    if (!before.includes(personId)) throw notFound('member');
    if (before.length === 1) throw new AppError('case_files.last_member', 409);
    // The file keeps its holder: another member becomes holder first (a role change).
    if ((await repo.memberRole(tx, entityId, id, personId)) === 'holder') {
      throw new AppError('case_files.holder_unlink', 409);
    }
    await repo.deleteMember(tx, entityId, id, personId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'case_file.member_remove',
      recordType: 'case_file',
      recordId: id,
      subjects: before,
      details: { personId },
    });
  });
}
