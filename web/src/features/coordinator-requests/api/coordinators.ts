import { useQuery } from '@tanstack/react-query';
import { coordinatorsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { coordinatorsKey } from './keys';

export type CoordinatorsFor = { caseFileId?: string | undefined; personIds?: string[] | undefined };

export async function getCoordinators(records: CoordinatorsFor, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (records.caseFileId) query.set('caseFileId', records.caseFileId);
  if (records.personIds?.length) query.set('personIds', records.personIds.join(','));
  const search = query.toString();
  return apiJson(`/api/support/coordinators${search ? `?${search}` : ''}`, coordinatorsSchema, {
    signal,
  });
}

/**
 * Who a coordinator request about these records would reach: the coordinators of the records'
 * teams, else of the requester's own teams (an empty list: nobody to hand it to).
 */
export function useCoordinators(records: CoordinatorsFor, enabled = true) {
  return useQuery({
    queryKey: [...coordinatorsKey, records.caseFileId ?? null, records.personIds ?? []],
    queryFn: ({ signal }) => getCoordinators(records, signal),
    enabled,
  });
}
