import { useQuery } from '@tanstack/react-query';
import { personSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { caseFilesKey } from './keys';

export async function getHolder(id: string, signal?: AbortSignal) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}`, personSchema, { signal });
}

/**
 * The person a new case file is opened for: their name, municipality, and whether the user may
 * open one for them (`can.openCaseFile`). Nothing is asked without an id.
 */
export function useHolder(id: string) {
  return useQuery({
    queryKey: [...caseFilesKey, 'holder', id],
    queryFn: ({ signal }) => getHolder(id, signal),
    enabled: id !== '',
  });
}
