import { useMutation } from '@tanstack/react-query';
import { secondFactorEnrolmentSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** Starts enrolling an app: the secret, its QR code and the recovery codes, shown this once. */
export async function startEnrolment() {
  return apiJson('/api/me/second-factor/enrolment', secondFactorEnrolmentSchema, {
    method: 'POST',
  });
}

export function useStartEnrolment() {
  return useMutation({ mutationFn: startEnrolment });
}
