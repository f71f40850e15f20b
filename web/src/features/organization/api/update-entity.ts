import { useMutation, useQueryClient } from '@tanstack/react-query';
import { entitySettingsSchema } from '@caliu/common';
import type { EntitySettingsPatch } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';
import { entityKey } from './get-entity';

export async function updateEntity(patch: EntitySettingsPatch) {
  return apiJson('/api/entity', entitySettingsSchema, { method: 'PATCH', body: patch });
}

/** Saves the fields that changed; the console then reads the signed-in user again (its entity). */
export function useUpdateEntity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateEntity,
    onSuccess: (entity) => {
      queryClient.setQueryData(entityKey, entity);
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
