import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { powChallengeSchema } from '@caliu/common';
import type { AppDeps } from '../context';
import { errorResponses } from '../http-schemas';
import { challengeKeyOf, issueChallenge } from './challenge';

/** The public forms' shared route: a fresh proof-of-work challenge. */
export const publicFormRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/public/challenge',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary:
          'A proof-of-work challenge for a public form: find a nonce such that ' +
          'SHA-256(`${salt}:${nonce}`) starts with `difficulty` zero bits; valid 10 minutes, once',
        response: { 200: powChallengeSchema, ...errorResponses(503) },
      },
    },
    async (_request, reply) => {
      const key = await challengeKeyOf(deps.database);
      // Each challenge is new: no cache may hand the same one to two people.
      reply.header('cache-control', 'no-store');
      return issueChallenge(key, deps.config.powDifficulty, deps.clock.now());
    },
  );
};
