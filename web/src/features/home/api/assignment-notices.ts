import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assignmentNoticeListSchema } from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';
import { homeKey } from './keys';

const noticesKey = [...homeKey, 'notices'] as const;

export async function getNotices(signal?: AbortSignal) {
  return apiJson('/api/caseload/notices/mine', assignmentNoticeListSchema, { signal });
}

/** Records assigned or transferred to the user that they have not acknowledged yet. */
export function useNotices() {
  return useQuery({ queryKey: noticesKey, queryFn: ({ signal }) => getNotices(signal) });
}

export async function markSeen(id: string) {
  await apiRequest(`/api/caseload/notices/${encodeURIComponent(id)}/seen`, { method: 'POST' });
}

/** Acknowledges a notice: it leaves the home page. */
export function useMarkSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markSeen,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticesKey }),
  });
}
