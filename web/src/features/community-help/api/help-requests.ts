import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  helpRequestEntryResultSchema,
  helpRequestImportResultSchema,
  helpRequestPageSchema,
  helpRequestSchema,
  type HelpRequestEdit,
  type HelpRequestForm,
  type HelpRequestListQuery,
} from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** The operators' help requests (issue 22): the table, a request, and what is done to them. */

export const helpRequestKeys = {
  all: ['help-requests'] as const,
  list: (filters: HelpRequestFilters) => ['help-requests', 'list', filters] as const,
  one: (id: string) => ['help-requests', 'one', id] as const,
};

/** The table's filters as the page holds them (empty: not filtered). */
export type HelpRequestFilters = Partial<
  Omit<HelpRequestListQuery, 'limit' | 'cursor' | 'sort'>
> & { sort: HelpRequestListQuery['sort'] };

export const HELP_REQUESTS_PAGE_SIZE = 25;

export function listHelpRequests(
  filters: HelpRequestFilters,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(HELP_REQUESTS_PAGE_SIZE) });
  for (const [key, value] of Object.entries(filters)) {
    if (value) params.set(key, String(value));
  }
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/help-requests?${params.toString()}`, helpRequestPageSchema, { signal });
}

/** The table, page by page ("More"), read afresh when the filters change. */
export function useHelpRequests(filters: HelpRequestFilters) {
  return useInfiniteQuery({
    queryKey: helpRequestKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listHelpRequests(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: 0,
  });
}

/** A request's page (each read is audited). */
export function useHelpRequest(id: string) {
  return useQuery({
    queryKey: helpRequestKeys.one(id),
    queryFn: ({ signal }) => apiJson(`/api/help-requests/${id}`, helpRequestSchema, { signal }),
    staleTime: 0,
  });
}

/** "Import requests": answers how many were imported; the table is read again. */
export function useImportHelpRequests() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiJson('/api/help-requests/import', helpRequestImportResultSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpRequestKeys.all }),
  });
}

function useRequestChange<T>(id: string, send: (body: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (request) => {
      queryClient.setQueryData(helpRequestKeys.one(id), request);
      // The table is read afresh when next shown: never a deleted request from the cache.
      queryClient.removeQueries({ queryKey: ['help-requests', 'list'] });
    },
  });
}

export function useEditHelpRequest(id: string) {
  return useRequestChange(id, (body: HelpRequestEdit) =>
    apiJson(`/api/help-requests/${id}`, helpRequestSchema, { method: 'PATCH', body }),
  );
}

export function useLinkPerson(id: string) {
  return useRequestChange(id, (personId: string | null) =>
    apiJson(`/api/help-requests/${id}/person`, helpRequestSchema, {
      method: 'PUT',
      body: { personId },
    }),
  );
}

export function useDeleteHelpRequest(id: string) {
  return useRequestChange(id, (reason: string) =>
    apiJson(`/api/help-requests/${id}/delete`, helpRequestSchema, {
      method: 'POST',
      body: { reason },
    }),
  );
}

/** A request typed after a phone call: stored as a submission, imported with the others. */
export function useEnterHelpRequest() {
  return useMutation({
    mutationFn: (form: HelpRequestForm) =>
      apiJson('/api/help-requests/entries', helpRequestEntryResultSchema, {
        method: 'POST',
        body: form,
      }),
  });
}
