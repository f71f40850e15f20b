import { useMutation } from '@tanstack/react-query';
import { personSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { usePersonChanged } from './person-changed';

export async function markDeceased({ id, deceasedOn }: { id: string; deceasedOn: string }) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}/deceased`, personSchema, {
    method: 'POST',
    body: { deceasedOn },
  });
}

/** Records that a person has died (their reminders stop). */
export function useMarkDeceased() {
  const changed = usePersonChanged();
  return useMutation({ mutationFn: markDeceased, onSuccess: changed });
}
