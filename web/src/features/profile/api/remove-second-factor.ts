import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';
import { secondFactorKey } from './get-second-factor';

/** Removes the second factor; the current password proves it is the user who asks. */
export async function removeSecondFactor(currentPassword: string): Promise<void> {
  await apiRequest('/api/me/second-factor', { method: 'DELETE', body: { currentPassword } });
}

export function useRemoveSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeSecondFactor,
    // Not awaited: the form that asked is replaced once the new status arrives, and its own
    // callbacks must run before that.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: secondFactorKey });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
