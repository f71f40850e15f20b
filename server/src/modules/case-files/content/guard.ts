import type { Permission } from '@caliu/common';
import type { Tx } from '../../../db/connect';
import { type AuditEntry, writeAudit } from '../../../platform/audit';
import { actorOf, type AuthContext, type RequestContext } from '../../../platform/context';
import { AppError, notFound } from '../../../platform/errors';
import * as repo from '../repository';
import { viewerOf } from '../service';

/**
 * Who reads and changes a case file's content, for every kind (interventions, demands,
 * problems, resources, procedures, plans): reading needs `content.view` on the file (its
 * technicians, its team's coordinators; never the technical administrator, who sees headers
 * only), and every read is audited for each member, so that a data subject's access report lists
 * it. Changing an entry is for its author or a coordinator (team scope) while the file is open.
 */

/** The case file's header row if the viewer may read its content; 404 / 403 otherwise. */
export async function readable(tx: Tx, auth: AuthContext, caseFileId: string) {
  const row = await repo.findCaseFile(tx, auth.entity.id, caseFileId, viewerOf(auth));
  if (!row) throw notFound('case_file');
  if (!row.can_view_content) throw new AppError('case_files.content_not_allowed', 403);
  return row;
}

export type FileAbilities = { can_add_content: boolean; can_edit_plans: boolean; state: string };

/** May the viewer change this entry: its author, or a coordinator (team scope) of the file. */
export function mayEdit(
  auth: AuthContext,
  file: FileAbilities,
  authorId: string | null,
  permission: Extract<Permission, 'content.edit' | 'plans.edit'> = 'content.edit',
) {
  const allowed = permission === 'plans.edit' ? file.can_edit_plans : file.can_add_content;
  if (!allowed || file.state !== 'open') return false;
  const scope = auth.grants[permission];
  return authorId === auth.professionalId || scope === 'team' || scope === 'entity';
}

/**
 * Refuses writing on a closed file, and a change (`stored`, null for a new entry) to an entry the
 * viewer may not change or that was edited meanwhile.
 */
export function assertEditable(
  auth: AuthContext,
  file: FileAbilities,
  stored: { author_id: string | null; version: number } | null,
  version: number | undefined,
  permission: Extract<Permission, 'content.edit' | 'plans.edit'> = 'content.edit',
) {
  if (file.state !== 'open') throw new AppError('case_files.closed', 409);
  if (!stored) return;
  if (!mayEdit(auth, file, stored.author_id, permission)) {
    throw new AppError('case_files.not_your_entry', 403);
  }
  if (version !== undefined && version !== stored.version) {
    throw new AppError('case_files.entry_stale', 409);
  }
}

/** The audit entry of a read of the file's content (one entry, or a list), for each member. */
export const contentRead = (
  caseFileId: string,
  memberIds: string[],
  entry?: { kind: string; id: string },
): AuditEntry => ({
  action: 'case_file.read_content',
  recordType: entry ? entry.kind : 'case_file',
  recordId: entry ? entry.id : caseFileId,
  subjects: memberIds,
  ...(entry ? { details: { caseFileId } } : {}),
});

/** Audits a read of the file's content (one entry, or a list) for each member. */
export async function auditRead(
  tx: Tx,
  ctx: RequestContext,
  caseFileId: string,
  entry?: { kind: string; id: string },
) {
  const members = await repo.memberIds(tx, ctx.auth.entity.id, caseFileId);
  await writeAudit(tx, actorOf(ctx), contentRead(caseFileId, members, entry));
}

/** Audits a change to an entry (`<kind>.create`, `<kind>.update`) for each member. */
export async function auditChange(
  tx: Tx,
  ctx: RequestContext,
  caseFileId: string,
  entry: { kind: string; id: string },
  change: 'create' | 'update',
) {
  await writeAudit(tx, actorOf(ctx), {
    action: `${entry.kind}.${change}`,
    recordType: entry.kind,
    recordId: entry.id,
    subjects: await repo.memberIds(tx, ctx.auth.entity.id, caseFileId),
    details: { caseFileId },
  });
}
