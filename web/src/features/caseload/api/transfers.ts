import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CaseloadTransfer,
  type CaseloadTransferRequest,
  caseloadTransferListSchema,
  caseloadTransferPreviewSchema,
  caseloadTransferSchema,
} from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/**
 * A coordinator's caseload transfers (issue 21, decision 0011): a preview, the request, the list
 * of those the user may approve or cancel (and their own), the preview recomputed for the
 * approver, the approval confirming it, the cancellation — a coordinator's or a support agent's.
 */
export const transfersKey = ['caseload', 'transfers'] as const;
const path = '/api/caseload/transfers';
const one = (id: string) => `${path}/${encodeURIComponent(id)}`;

/** What the transfer would move now (restricted to the requester's teams); changes nothing. */
export function usePreviewTransfer() {
  return useMutation({
    mutationFn: (body: CaseloadTransferRequest) =>
      apiJson(`${path}/preview`, caseloadTransferPreviewSchema, { method: 'POST', body }),
  });
}

/** Asks for the transfer: pending until a second person approves it. */
export function useRequestTransfer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseloadTransferRequest) =>
      apiJson(path, caseloadTransferSchema, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: transfersKey }),
  });
}

/**
 * Whose transfers a list shows and where their actions go: a coordinator's (of their teams, and
 * their own requests) or a support agent's (every council's pending ones, counts only).
 */
export type TransferSide = {
  key: readonly string[];
  list: string;
  item: (transfer: CaseloadTransfer) => string;
  /** What an approval changes beyond the list (the caseload pages, for a coordinator). */
  changes: readonly string[];
};

export const coordinatorSide: TransferSide = {
  key: transfersKey,
  list: path,
  item: (transfer) => one(transfer.id),
  changes: ['caseload'],
};

export const agentSide: TransferSide = {
  key: ['support', 'caseload-transfers'],
  list: '/api/support/caseload-transfers',
  item: (transfer) =>
    `/api/support/entities/${encodeURIComponent(transfer.entity?.id ?? '')}/caseload-transfers/${encodeURIComponent(transfer.id)}`,
  changes: ['support', 'caseload-transfers'],
};

/** The transfers the side may approve or cancel (and a coordinator's own requests). */
export function useTransfers(side: TransferSide) {
  return useQuery({
    queryKey: side.key,
    queryFn: ({ signal }) => apiJson(side.list, caseloadTransferListSchema, { signal }),
  });
}

/** The transfer as it would run now, for the approver (asked for, never read behind their back). */
export function useCurrentPreview(side: TransferSide, transfer: CaseloadTransfer) {
  return useMutation({
    mutationFn: () => apiJson(`${side.item(transfer)}/preview`, caseloadTransferPreviewSchema),
  });
}

/** Approves the transfer as previewed now (its fingerprint): it runs. */
export function useApproveTransfer(side: TransferSide, transfer: CaseloadTransfer) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fingerprint: string) =>
      apiJson(`${side.item(transfer)}/approve`, caseloadTransferSchema, {
        method: 'POST',
        body: { fingerprint },
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: side.key });
      return client.invalidateQueries({ queryKey: side.changes });
    },
  });
}

/** Cancels a pending transfer. */
export function useCancelTransfer(side: TransferSide, transfer: CaseloadTransfer) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiJson(`${side.item(transfer)}/cancel`, caseloadTransferSchema, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: side.key }),
  });
}
