import { useQuery } from '@tanstack/react-query';
import { personSchema, personViewSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personKey } from './keys';

export async function getPerson(id: string, signal?: AbortSignal) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}`, personSchema, { signal });
}

/** A person's basic data and what the user may do with the record. */
export function usePerson(id: string) {
  return useQuery({ queryKey: personKey(id), queryFn: ({ signal }) => getPerson(id, signal) });
}

/** How many history entries the person's page shows before "more". */
export const HISTORY_PAGE_SIZE = 20;

export async function getPersonView(id: string, signal?: AbortSignal) {
  return apiJson(
    `/api/persons/${encodeURIComponent(id)}/view?limit=${HISTORY_PAGE_SIZE}`,
    personViewSchema,
    { signal },
  );
}

/**
 * The person's page: basic data and, when the user may see the full record, the first page of its
 * history, in one read (the server records one consultation per view, not one per part).
 */
export function usePersonView(id: string) {
  return useQuery({
    queryKey: [...personKey(id), 'view'],
    queryFn: ({ signal }) => getPersonView(id, signal),
  });
}
