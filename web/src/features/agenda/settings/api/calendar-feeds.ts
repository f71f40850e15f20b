import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarFeedListSchema, calendarFeedSchema } from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';

/** The user's own calendar feeds. */
export const calendarFeedsKey = ['agenda-settings', 'calendar-feeds'] as const;

export async function getCalendarFeeds(signal?: AbortSignal) {
  const answer = await apiJson('/api/calendar-feeds', calendarFeedListSchema, { signal });
  return answer.items;
}

/** The user's feeds, live and revoked (never their addresses: those only go by email). */
export function useCalendarFeeds() {
  return useQuery({
    queryKey: calendarFeedsKey,
    queryFn: ({ signal }) => getCalendarFeeds(signal),
  });
}

export async function createCalendarFeed(input: { includeNames: boolean }) {
  return apiJson('/api/calendar-feeds', calendarFeedSchema, { method: 'POST', body: input });
}

/** Asks for a new feed: its address is emailed to the user; the list is read again. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCalendarFeed,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedsKey }),
  });
}

export async function revokeCalendarFeed(id: string) {
  await apiRequest(`/api/calendar-feeds/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Revokes a feed: its address stops working at once; the list is read again. */
export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCalendarFeed,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedsKey }),
  });
}
