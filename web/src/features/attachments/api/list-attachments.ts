import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { attachmentListSchema } from '@caliu/common';
import type { AttachmentOwner } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { ATTACHMENTS_STALE_MS, attachmentListKey } from './keys';
import type { ListQuery } from './keys';

/** The list that holds an owner's attachments (an item's: its case file's, with its items'). */
export function listQueryOf(owner: AttachmentOwner, includeItems = false): ListQuery {
  switch (owner.type) {
    case 'person':
      return { ownerType: 'person', ownerId: owner.personId, includeItems: false };
    case 'case_file':
      return { ownerType: 'case_file', ownerId: owner.caseFileId, includeItems };
    case 'item':
      // Every entry of a case file's content shows its own: one read of them all serves them.
      return { ownerType: 'case_file', ownerId: owner.caseFileId, includeItems: true };
  }
}

/**
 * The owner's attachments, and what the user may see and attach there (`can`: the server's own
 * rule, so the upload area offers only what it accepts).
 */
export async function listAttachments(query: ListQuery, signal?: AbortSignal) {
  const params = new URLSearchParams({ ownerType: query.ownerType, ownerId: query.ownerId });
  if (query.includeItems) params.set('includeItems', 'true');
  const answer = await apiJson(`/api/attachments?${params.toString()}`, attachmentListSchema, {
    signal,
  });
  // Only complete files are listed unless asked: an upload still on its way is not a document.
  return { items: answer.items.filter((item) => item.state === 'ready'), can: answer.can };
}

/**
 * A record's attachments the user may see, newest first; filtered by category in the page (the
 * categories' counts come from the whole list, and each read is audited).
 */
export function useAttachments(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: attachmentListKey(query),
    queryFn: ({ signal }) => listAttachments(query, signal),
    staleTime: ATTACHMENTS_STALE_MS,
    // Asking for the items' documents too keeps the list shown until they come.
    placeholderData: keepPreviousData,
    enabled,
  });
}
