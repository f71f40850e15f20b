import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CaseloadTransferRequest,
  caseloadTransferListSchema,
  caseloadTransferPreviewSchema,
  caseloadTransferSchema,
} from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/**
 * A coordinator's caseload transfers (issue 21, decision 0011): a preview, the request, the list
 * of those the user may approve or cancel (and their own), the preview recomputed for the
 * approver, the approval confirming it, the cancellation.
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

/** The transfers the user may approve or cancel, and their own requests. */
export function useTransfers() {
  return useQuery({
    queryKey: transfersKey,
    queryFn: ({ signal }) => apiJson(path, caseloadTransferListSchema, { signal }),
  });
}

/** The transfer as it would run now, for the approver (asked for, never read behind their back). */
export function useCurrentPreview(id: string) {
  return useMutation({
    mutationFn: () => apiJson(`${one(id)}/preview`, caseloadTransferPreviewSchema),
  });
}

/** Approves the transfer as previewed now (its fingerprint): it runs. */
export function useApproveTransfer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fingerprint: string) =>
      apiJson(`${one(id)}/approve`, caseloadTransferSchema, {
        method: 'POST',
        body: { fingerprint },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['caseload'] }),
  });
}

/** Cancels a pending transfer. */
export function useCancelTransfer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiJson(`${one(id)}/cancel`, caseloadTransferSchema, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: transfersKey }),
  });
}
