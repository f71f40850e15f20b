import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CoordinatorRequestCreate, coordinatorRequestSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { coordinatorRequestsKey } from './keys';

export async function createCoordinatorRequest(input: CoordinatorRequestCreate) {
  return apiJson('/api/support/coordinator-requests', coordinatorRequestSchema, {
    method: 'POST',
    body: input,
  });
}

/** Hands a request (delete persons, transfer or delete content, unlink) to the coordinators. */
export function useCreateCoordinatorRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createCoordinatorRequest,
    onSuccess: () => client.invalidateQueries({ queryKey: coordinatorRequestsKey }),
  });
}
