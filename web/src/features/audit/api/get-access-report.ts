import { useQuery } from '@tanstack/react-query';
import { accessReportSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export async function getAccessReport(personId: string, signal?: AbortSignal) {
  return apiJson(
    `/api/audit/persons/${encodeURIComponent(personId)}/access-report`,
    accessReportSchema,
    { signal },
  );
}

/**
 * Who consulted or changed a person's data, and when (GDPR art. 15). Producing it is recorded, so
 * it is asked for once per opening, not refetched in the background.
 */
export function useAccessReport(personId: string | null) {
  return useQuery({
    queryKey: ['audit', 'access-report', personId],
    queryFn: ({ signal }) => getAccessReport(personId ?? '', signal),
    enabled: personId !== null,
    staleTime: Infinity,
    gcTime: 0,
  });
}
