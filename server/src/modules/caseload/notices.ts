import { grantsForRoles, type Role } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../db/connect';
import { visible } from '../case-files/access';
import type { RequestContext } from '../../platform/context';
import { enqueue } from '../../platform/messaging/outbox';

/**
 * Tells professionals that a record was assigned or transferred to them (issue 16): a notice on
 * their home page until they have seen it, and an email through the outbox — both in the
 * caller's transaction, so they exist exactly when the assignment does. Whoever assigns a record
 * to themself is not told. The email names the case file's number, never a person.
 */

export type AssignmentNotice = {
  professionalId: string;
  recordType: 'person' | 'case_file';
  recordId: string;
  role: 'referent' | 'assigned';
};

export async function noticeAssignments(
  tx: Tx,
  ctx: RequestContext,
  notices: readonly AssignmentNotice[],
): Promise<void> {
  const entityId = ctx.auth.entity.id;
  const others = notices.filter((n) => n.professionalId !== ctx.auth.professionalId);
  if (others.length === 0) return;
  const people = await rowsOf<{
    id: string;
    email: string;
    given_name: string;
    language: string | null;
    active: boolean;
    roles: Role[];
  }>(
    tx,
    sql`SELECT id, email, given_name, language, active, roles FROM professionals
      WHERE entity_id = ${entityId} AND id IN (${uuidList([...new Set(others.map((n) => n.professionalId))])})`,
  );
  const assignedBy = `${ctx.auth.givenName} ${ctx.auth.surnames}`;
  for (const notice of others) {
    const to = people.find((p) => p.id === notice.professionalId);
    if (!to?.active) continue;
    // Told only of what they may open: a SIAD case file's number reaches no one else.
    if (
      notice.recordType === 'case_file' &&
      !(await caseFileVisibleTo(tx, entityId, notice.recordId, to))
    ) {
      continue;
    }
    await tx.execute(sql`INSERT INTO assignment_notices (entity_id, professional_id, record_type,
        record_id, role, assigned_by)
      VALUES (${entityId}, ${notice.professionalId}, ${notice.recordType}, ${notice.recordId},
        ${notice.role}, ${ctx.auth.professionalId})`);
    const number =
      notice.recordType === 'case_file'
        ? await caseFileNumber(tx, entityId, notice.recordId)
        : null;
    await enqueue(tx, {
      entityId,
      channel: 'email',
      template: 'assignment',
      to: to.email,
      language: (to.language as never) ?? null,
      data: {
        givenName: to.given_name,
        assignedBy,
        recordType: notice.recordType,
        role: notice.role,
        ...(number ? { number } : {}),
      },
      idempotencyKey: `assignment:${ctx.request.id}:${notice.recordType}:${notice.recordId}:${notice.professionalId}`,
    });
  }
}

async function caseFileVisibleTo(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  to: { id: string; roles: Role[] },
): Promise<boolean> {
  const viewer = { professionalId: to.id, roles: to.roles, grants: grantsForRoles(to.roles) };
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM case_files cf WHERE cf.entity_id = ${entityId}
      AND cf.id = ${caseFileId} AND ${visible(viewer)}) AS yes`,
  );
  return row?.yes === true;
}

async function caseFileNumber(tx: Tx, entityId: string, id: string): Promise<string | null> {
  const [row] = await rowsOf<{ number: string }>(
    tx,
    sql`SELECT year || '/' || lpad(seq::text, 6, '0') AS number FROM case_files
      WHERE entity_id = ${entityId} AND id = ${id}`,
  );
  return row?.number ?? null;
}
