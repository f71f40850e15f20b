import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CoordinatorRequest, coordinatorRequestSchema, pageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { coordinatorRequestsKey } from './keys';

const pageOfRequests = pageSchema(coordinatorRequestSchema);

export type CoordinatorRequestRole = 'requester' | 'coordinator';

export async function listCoordinatorRequests(
  role: CoordinatorRequestRole,
  status: CoordinatorRequest['status'] | 'all' = 'open',
  signal?: AbortSignal,
) {
  return apiJson(
    `/api/support/coordinator-requests?role=${role}&status=${status}&limit=50`,
    pageOfRequests,
    { signal },
  );
}

/** The requests addressed to me (a coordinator), or mine (`requester`): open ones by default. */
export function useCoordinatorRequests(
  role: CoordinatorRequestRole,
  status: CoordinatorRequest['status'] | 'all' = 'open',
  enabled = true,
) {
  return useQuery({
    queryKey: [...coordinatorRequestsKey, role, status],
    queryFn: ({ signal }) => listCoordinatorRequests(role, status, signal),
    enabled,
  });
}

export type CloseCoordinatorRequest = {
  id: string;
  outcome: 'done' | 'declined';
  reason?: string | undefined;
};

export async function closeCoordinatorRequest({ id, outcome, reason }: CloseCoordinatorRequest) {
  return apiJson(`/api/support/coordinator-requests/${id}/close`, coordinatorRequestSchema, {
    method: 'POST',
    body: reason ? { outcome, reason } : { outcome },
  });
}

/** Closes a request addressed to me, as done or declined (with the reason). */
export function useCloseCoordinatorRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: closeCoordinatorRequest,
    onSuccess: () => client.invalidateQueries({ queryKey: coordinatorRequestsKey }),
  });
}
