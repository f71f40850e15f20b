import type { ContentDeletion } from '@caliu/common';
import { writeAudit } from '../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../platform/context';
import * as items from '../modules/case-files/content/items-repository';
import { lockFor } from '../modules/case-files/service';
import * as attachments from '../modules/attachments/removal-repository';
import { auditDeletions } from '../modules/attachments/trace';
import { describeItem, lockMovableItem } from './content-items';

export type DeleteContentProps = {
  kind: items.MovableKind;
  caseFileId: string;
  itemId: string;
};

/**
 * A coordinator deletes an item of content (an intervention, demand, problem, resource or
 * procedure) of a case file of their teams, open or closed, in one transaction: the file and the
 * item locked, the item's own rows deleted with it (a resource's grant records, an intervention's
 * persons and professionals, the attachments of both, each with its audit trace), one audit row
 * naming it by id with its kind, type and day (never its text).
 */
export async function deleteContent(
  deps: AppDeps,
  ctx: RequestContext,
  props: DeleteContentProps,
): Promise<ContentDeletion> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const file = await lockFor(tx, ctx.auth, props.caseFileId, 'can_move_content');
    const item = await lockMovableItem(tx, ctx, props.kind, file.id, props.itemId);
    const facts = await describeItem(tx, ctx, props.kind, item);
    const grants =
      props.kind === 'resource' ? await items.grantRecords(tx, entityId, file.id, item.id) : [];
    // Its attachments, and those of what goes with it, are deleted first (each audited).
    const gone = await attachments.deleteOfItems(tx, entityId, file.id, [
      { kind: props.kind, id: item.id },
      ...grants.map((g) => ({ kind: 'intervention' as const, id: g.id })),
    ]);
    await auditDeletions(tx, actorOf(ctx), gone, 'item_deleted');
    await items.deleteItem(tx, entityId, props.kind, item.id);
    await writeAudit(tx, actorOf(ctx), {
      action: `${props.kind}.delete`,
      recordType: props.kind,
      recordId: item.id,
      subjects: [...new Set([...item.person_ids, ...grants.flatMap((g) => g.person_ids)])],
      details: {
        caseFileId: file.id,
        type: item.type_code,
        date: item.day,
        carried: grants.length,
        carriedIds: grants.map((g) => g.id),
        attachments: gone.length,
      },
    });
    return { item: facts, carried: grants.length, attachments: gone.length };
  });
}
