import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meSchema, secondFactorChallengeSchema } from '@caliu/common';
import type { LoginRequest, Me, SecondFactorChallenge } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import type { Schema } from '@/lib/api-client';
import { meQueryKey, startSession } from '@/lib/auth';

/** What the first step of a sign-in answers: the signed-in user, or a second factor to give. */
export type LoginAnswer = Me | SecondFactorChallenge;

const loginAnswerSchema: Schema<LoginAnswer> = {
  safeParse: (data) => {
    const challenge = secondFactorChallengeSchema.safeParse(data);
    return challenge.success ? challenge : meSchema.safeParse(data);
  },
};

export function isChallenge(answer: LoginAnswer): answer is SecondFactorChallenge {
  return 'secondFactorRequired' in answer;
}

export async function login(credentials: LoginRequest): Promise<LoginAnswer> {
  return apiJson('/api/auth/login', loginAnswerSchema, { method: 'POST', body: credentials });
}

/** Signs in; on success the console holds the new user, unless a second factor is asked for. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      if (isChallenge(answer)) return;
      startSession(answer);
      queryClient.setQueryData(meQueryKey, answer);
    },
  });
}
