import { type ContentMove, formatCaseFileNumber, parseCaseFileNumber } from '@caliu/common';
import type { Tx } from '../db/connect';
import { writeAudit } from '../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../platform/context';
import { fieldError, notFound } from '../platform/errors';
import * as repo from '../modules/case-files/repository';
import * as items from '../modules/case-files/content/items-repository';
import { assertMembersOfTarget } from '../modules/case-files/content/rules';
import { lockFor, viewerOf } from '../modules/case-files/service';
import * as attachments from '../modules/attachments/removal-repository';
import { describeItem, lockMovableItem } from './content-items';

export type TransferContentProps = {
  kind: items.MovableKind;
  caseFileId: string;
  itemId: string;
  /** The target's number as typed (`2026/000034`, `2026/34`). */
  target: string;
  /** Check everything and say what would happen, changing nothing. */
  preview: boolean;
};

/**
 * A coordinator moves an item of content (an intervention, demand, problem, resource or
 * procedure) from one case file to another of their teams, in one transaction: both files locked
 * in a fixed order, the item locked; the target must be open, and every person the item concerns
 * must be a member of the target living in its municipality (the municipality rule); nothing
 * crosses the SIAD wall (a SIAD file's content stays among SIAD files). A resource takes along the
 * interventions that record its grant; the item's attachments (and theirs) go with it. With
 * `preview`, the same checks answer what would happen.
 */
export async function transferContent(
  deps: AppDeps,
  ctx: RequestContext,
  props: TransferContentProps,
): Promise<ContentMove> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  // Ids as PostgreSQL writes them, so that comparisons and the lock order below hold.
  const caseFileId = props.caseFileId.toLowerCase();
  const itemId = props.itemId.toLowerCase();
  const number = parseCaseFileNumber(props.target);
  if (!number || number.year === null) {
    throw fieldError(ctx, 400, 'case_files.transfer_target_number', 'target');
  }
  return deps.database.tenant(entityId, async (tx) => {
    const targetId = await repo.idOfNumber(
      tx,
      entityId,
      { year: number.year!, seq: number.seq },
      viewerOf(auth),
    );
    if (!targetId) throw fieldError(ctx, 404, 'case_files.transfer_target_not_found', 'target');
    if (targetId === caseFileId) {
      throw fieldError(ctx, 400, 'case_files.transfer_same_file', 'target');
    }
    // Two coordinators moving items in opposite directions lock the two files in one order.
    const [from, to] = await lockInOrder(tx, ctx, caseFileId, targetId);
    if (to.state !== 'open') {
      throw fieldError(ctx, 409, 'case_files.transfer_target_closed', 'target', {
        number: formatCaseFileNumber(to.year, to.seq),
      });
    }
    if (from.scope !== to.scope && (from.scope === 'siad' || to.scope === 'siad')) {
      throw fieldError(ctx, 409, 'case_files.transfer_siad', 'target');
    }
    const item = await lockMovableItem(tx, ctx, props.kind, from.id, itemId);
    // A resource's grant records go with it: the persons they name must be members too.
    const grants =
      props.kind === 'resource' ? await items.grantRecords(tx, entityId, from.id, item.id) : [];
    const persons = [...new Set([...item.person_ids, ...grants.flatMap((g) => g.person_ids)])];
    await assertMembersOfTarget(tx, ctx, to, persons, 'target');

    // Its attachments, and those of what it carries, go with it.
    const holders: attachments.ItemRef[] = [
      { kind: props.kind, id: item.id },
      ...grants.map((g) => ({ kind: 'intervention' as const, id: g.id })),
    ];
    let attachmentCount = await attachments.countOfItems(tx, entityId, from.id, holders);
    if (!props.preview) {
      const carriedIds = await items.moveItem(tx, entityId, props.kind, item.id, from.id, to.id);
      const attachmentIds = await attachments.moveItems(tx, entityId, from.id, to.id, holders);
      attachmentCount = attachmentIds.length;
      await writeAudit(tx, actorOf(ctx), {
        action: `${props.kind}.transfer`,
        recordType: props.kind,
        recordId: item.id,
        subjects: persons,
        details: {
          from: from.id,
          to: to.id,
          carried: carriedIds.length,
          carriedIds,
          attachments: attachmentIds.length,
          attachmentIds,
        },
      });
    }
    const carried = grants.length;
    return {
      done: !props.preview,
      item: await describeItem(tx, ctx, props.kind, item),
      from: { id: from.id, number: formatCaseFileNumber(from.year, from.seq) },
      to: { id: to.id, number: formatCaseFileNumber(to.year, to.seq) },
      carried,
      attachments: attachmentCount,
    };
  });
}

async function lockInOrder(tx: Tx, ctx: RequestContext, fromId: string, toId: string) {
  const lock = (id: string) => lockFor(tx, ctx.auth, id, 'can_move_content');
  if (fromId < toId) {
    const from = await lock(fromId);
    return [from, await lockTarget(tx, ctx, toId)] as const;
  }
  const to = await lockTarget(tx, ctx, toId);
  return [await lock(fromId), to] as const;
}

/** The target, locked: found by number in the viewer's sight, so refusals name the field. */
async function lockTarget(tx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.lockCaseFile(tx, ctx.auth.entity.id, id, viewerOf(ctx.auth));
  if (!row) throw notFound('case_file');
  if (!row.can_move_content) {
    throw fieldError(ctx, 403, 'case_files.transfer_target_not_yours', 'target');
  }
  return row;
}
