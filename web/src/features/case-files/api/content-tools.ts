import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  contentDeletionSchema,
  contentMoveSchema,
  type MovableKind,
  type TransferContent,
} from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { contentKey, interventionsKey } from './keys';

/** Where an item of `kind` lives under its case file. */
const PATHS: Record<MovableKind, string> = {
  intervention: 'interventions',
  demand: 'demands',
  problem: 'problems',
  resource: 'resources',
  procedure: 'procedures',
};

const itemPath = (caseFileId: string, kind: MovableKind, itemId: string) =>
  `/api/case-files/${encodeURIComponent(caseFileId)}/${PATHS[kind]}/${encodeURIComponent(itemId)}`;

export type ItemRef = { caseFileId: string; kind: MovableKind; itemId: string };

export async function transferContent({
  caseFileId,
  kind,
  itemId,
  ...body
}: ItemRef & TransferContent) {
  return apiJson(`${itemPath(caseFileId, kind, itemId)}/transfer`, contentMoveSchema, {
    method: 'POST',
    body,
  });
}

export async function deleteContent({ caseFileId, kind, itemId }: ItemRef) {
  return apiJson(itemPath(caseFileId, kind, itemId), contentDeletionSchema, { method: 'DELETE' });
}

/** Both case files' content is read again when shown: interventions, lists and the timeline. */
function useContentMoved() {
  const queryClient = useQueryClient();
  return (caseFileIds: string[]) =>
    Promise.all(
      caseFileIds.flatMap((id) => [
        queryClient.invalidateQueries({ queryKey: contentKey(id) }),
        queryClient.invalidateQueries({ queryKey: interventionsKey(id) }),
      ]),
    );
}

/**
 * A coordinator's transfer of an item to another case file: with `preview` it only answers what
 * would happen; done, both files are read again.
 */
export function useTransferContent() {
  const moved = useContentMoved();
  return useMutation({
    mutationFn: transferContent,
    onSuccess: async (result) => {
      if (result.done) await moved([result.from.id, result.to.id]);
    },
  });
}

/** A coordinator's deletion of an item (a resource's grant record goes with it). */
export function useDeleteContent() {
  const moved = useContentMoved();
  return useMutation({
    mutationFn: deleteContent,
    onSuccess: async (_result, input) => {
      await moved([input.caseFileId]);
    },
  });
}
