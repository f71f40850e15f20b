import { useMutation } from '@tanstack/react-query';
import { activationSentSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** Sends a new activation link (the earlier one stops working): by SMS to `mobile`, else email. */
export async function resendActivation({ id, mobile }: { id: string; mobile?: string }) {
  return apiJson(`/api/professionals/${id}/resend-activation`, activationSentSchema, {
    method: 'POST',
    body: mobile ? { mobile } : {},
  });
}

export function useResendActivation() {
  return useMutation({ mutationFn: resendActivation });
}
