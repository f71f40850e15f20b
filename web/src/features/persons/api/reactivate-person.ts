import { useMutation } from '@tanstack/react-query';
import { personSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { usePersonChanged } from './person-changed';

export async function reactivatePerson(id: string) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}/reactivate`, personSchema, {
    method: 'POST',
  });
}

/** A coordinator reactivates a person recorded as deceased by mistake. */
export function useReactivatePerson() {
  const changed = usePersonChanged();
  return useMutation({ mutationFn: reactivatePerson, onSuccess: changed });
}
