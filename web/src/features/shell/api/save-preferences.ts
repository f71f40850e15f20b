import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Language, Me } from '@caliu/common';
import { apiRequest } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';
import { applyLanguage } from '@/lib/i18n';

export async function saveLanguagePreference(language: Language): Promise<void> {
  await apiRequest('/api/me/preferences', { method: 'PUT', body: { language } });
}

/**
 * Switches the console's language at once, and saves the choice for the user (the server) and
 * for this browser's sign-in page (localStorage).
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveLanguagePreference,
    onMutate: async (language) => {
      await applyLanguage(language);
      queryClient.setQueryData<Me | null>(meQueryKey, (me) => (me ? { ...me, language } : me));
    },
  });
}
