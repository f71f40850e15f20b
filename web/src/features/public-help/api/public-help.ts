import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  powChallengeSchema,
  publicSupportConfirmedSchema,
  type publicSupportRequestSchema,
} from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';
import { solveInWorker } from '../solve-in-worker';

export type HelpRequest = Omit<z.input<typeof publicSupportRequestSchema>, 'proof'>;

/**
 * Sends the help form: fetches a challenge, solves it in a Web Worker (about a second), then
 * posts. The server answers the same whether or not the entity and the email exist.
 */
export async function sendHelpRequest(request: HelpRequest): Promise<void> {
  const challenge = await apiJson('/api/public/challenge', powChallengeSchema);
  const { nonce } = await solveInWorker(challenge.salt, challenge.difficulty);
  await apiRequest('/api/public/support-requests', {
    method: 'POST',
    body: { ...request, proof: { ...challenge, nonce } },
  });
}

export function useSendHelpRequest() {
  return useMutation({ mutationFn: sendHelpRequest });
}

/** Follows the confirmation link: opens the ticket and answers its number. */
export async function confirmHelpRequest(token: string) {
  return apiJson('/api/public/support-requests/confirm', publicSupportConfirmedSchema, {
    method: 'POST',
    body: { token },
  });
}

export function useConfirmHelpRequest() {
  return useMutation({ mutationFn: confirmHelpRequest });
}
