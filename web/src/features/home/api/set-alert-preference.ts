import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type AlertPreference, alertCountsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { alertsKey } from './keys';

export async function setAlertPreference(preference: AlertPreference) {
  return apiJson('/api/home/alert-preferences', alertCountsSchema, {
    method: 'PATCH',
    body: preference,
  });
}

/** Switches one kind of alert off or on; the answer is the counts as they are now. */
export function useSetAlertPreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: setAlertPreference,
    onSuccess: (counts) => client.setQueryData([...alertsKey, 'counts'], counts),
  });
}
