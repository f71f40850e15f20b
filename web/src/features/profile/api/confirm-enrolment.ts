import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';
import { secondFactorKey } from './get-second-factor';

/** Confirms the enrolment with a first code of the app. */
export async function confirmEnrolment(code: string): Promise<void> {
  await apiRequest('/api/me/second-factor/confirm', { method: 'POST', body: { code } });
}

/** On success the status and the signed-in user are read again (the console may open up). */
export function useConfirmEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmEnrolment,
    // Not awaited: the form that asked is replaced once the new status arrives, and its own
    // callbacks must run before that.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: secondFactorKey });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
