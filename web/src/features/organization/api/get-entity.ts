import { useQuery } from '@tanstack/react-query';
import { entitySettingsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export const entityKey = ['organization', 'entity'] as const;

export async function getEntity(signal?: AbortSignal) {
  return apiJson('/api/entity', entitySettingsSchema, { signal });
}

/** The entity's settings: name, email domains, time zone, language, second factor. */
export function useEntitySettings() {
  return useQuery({ queryKey: entityKey, queryFn: ({ signal }) => getEntity(signal) });
}
