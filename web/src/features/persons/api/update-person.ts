import { useMutation } from '@tanstack/react-query';
import { personSchema } from '@caliu/common';
import type { UpdatePerson } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { usePersonChanged } from './person-changed';

/** PATCH with the version the user started from: someone else's change in between is a 409. */
export async function updatePerson({ id, ...patch }: UpdatePerson & { id: string }) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}`, personSchema, {
    method: 'PATCH',
    body: patch,
  });
}

export function useUpdatePerson() {
  const changed = usePersonChanged();
  return useMutation({ mutationFn: updatePerson, onSuccess: changed });
}
