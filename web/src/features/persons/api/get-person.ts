import { useQuery } from '@tanstack/react-query';
import { personSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personKey } from './keys';

export async function getPerson(id: string, signal?: AbortSignal) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}`, personSchema, { signal });
}

/** A person's basic data and what the user may do with the record. */
export function usePerson(id: string) {
  return useQuery({ queryKey: personKey(id), queryFn: ({ signal }) => getPerson(id, signal) });
}
