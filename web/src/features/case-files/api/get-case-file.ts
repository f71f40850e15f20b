import { useQuery } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { caseFileKey } from './keys';

export async function getCaseFile(id: string, signal?: AbortSignal) {
  return apiJson(`/api/case-files/${encodeURIComponent(id)}`, caseFileSchema, { signal });
}

/** A case file's header, members, assigned professionals and what the user may do with it. */
export function useCaseFile(id: string) {
  return useQuery({ queryKey: caseFileKey(id), queryFn: ({ signal }) => getCaseFile(id, signal) });
}
