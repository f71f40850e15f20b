import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseloadSchema, coverSchema, type CreateCover } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** The caseload feature's query keys: a team's caseload (its covers with it). */
export const caseloadKey = (teamId: string) => ['caseload', 'team', teamId] as const;

const teamPath = (teamId: string) => `/api/caseload/teams/${encodeURIComponent(teamId)}`;

export async function getCaseload(teamId: string, signal?: AbortSignal) {
  return apiJson(teamPath(teamId), caseloadSchema, { signal });
}

/** A team's caseload and covers, for its coordinator. */
export function useCaseload(teamId: string) {
  return useQuery({
    queryKey: caseloadKey(teamId),
    queryFn: ({ signal }) => getCaseload(teamId, signal),
  });
}

export async function createCover({ teamId, ...body }: CreateCover & { teamId: string }) {
  return apiJson(`${teamPath(teamId)}/covers`, coverSchema, { method: 'POST', body });
}

export async function endCover({ teamId, coverId }: { teamId: string; coverId: string }) {
  return apiJson(`${teamPath(teamId)}/covers/${encodeURIComponent(coverId)}/end`, coverSchema, {
    method: 'POST',
  });
}

/** Grants a cover of an absence; the team's caseload is read again. */
export function useCreateCover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCover,
    onSuccess: (_cover, input) =>
      queryClient.invalidateQueries({ queryKey: caseloadKey(input.teamId) }),
  });
}

/** Ends a cover before its last day. */
export function useEndCover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endCover,
    onSuccess: (_cover, input) =>
      queryClient.invalidateQueries({ queryKey: caseloadKey(input.teamId) }),
  });
}
