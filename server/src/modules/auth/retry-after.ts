import type { FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors';

/** A throttled attempt also says how long to wait in the standard Retry-After header. */
export async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'auth.throttled') {
      reply.header('retry-after', String(error.params.retryAfterSeconds ?? 60));
    }
    throw error;
  }
}
