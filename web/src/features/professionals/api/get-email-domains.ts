import { useQuery } from '@tanstack/react-query';
import { entitySettingsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export async function getEmailDomains(signal?: AbortSignal) {
  return (await apiJson('/api/entity', entitySettingsSchema, { signal })).emailDomains;
}

/** The entity's email domains (for those who manage the organization), to check emails as typed. */
export function useEmailDomains(enabled: boolean) {
  return useQuery({
    queryKey: ['professionals', 'email-domains'],
    queryFn: ({ signal }) => getEmailDomains(signal),
    enabled,
  });
}
