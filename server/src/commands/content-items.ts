import type { ContentItemFacts } from '@caliu/common';
import type { Tx } from '../db/connect';
import type { RequestContext } from '../platform/context';
import { AppError, notFound } from '../platform/errors';
import * as items from '../modules/case-files/content/items-repository';
import { catalogueLabel } from '../modules/case-files/present';

/**
 * What the coordinator's content tools (transfer-content.ts, delete-content.ts) share: the item
 * locked in its case file, refused when the system recorded it by itself (an opening, a closing,
 * a resource's grant: those move and go with what they record), and described in words.
 */

/** The item, locked; "not found" when it is not in that case file. */
export async function lockMovableItem(
  tx: Tx,
  ctx: RequestContext,
  kind: items.MovableKind,
  caseFileId: string,
  itemId: string,
): Promise<items.ItemRow> {
  const item = await items.lockItem(tx, ctx.auth.entity.id, kind, caseFileId, itemId);
  if (!item) throw notFound(kind);
  if (item.event !== null) throw new AppError('case_files.automatic_entry', 409);
  return item;
}

/** The item as the confirmation names it: kind, type, day and persons. */
export async function describeItem(
  tx: Tx,
  ctx: RequestContext,
  kind: items.MovableKind,
  item: items.ItemRow,
): Promise<ContentItemFacts> {
  return {
    kind,
    id: item.id,
    type: item.type_code
      ? catalogueLabel(item.catalogue, item.type_code, item.type_labels, ctx.language)
      : '',
    date: item.day,
    persons: await items.personNames(tx, ctx.auth.entity.id, item.person_ids),
  };
}
