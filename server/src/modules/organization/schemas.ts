import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { apiErrorSchema } from '@caliu/common';
import type { AuthContext } from '../../platform/context';
import { AppError } from '../../platform/errors';

/** Shared by the organization and professionals routes. */
export const idParams = z.object({ id: z.uuid() });

export const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

/**
 * Who acts, from which request, and in which language (for errors that name a field in their
 * details). A route with a permission always has a signed-in user.
 */
export type Ctx = {
  auth: AuthContext;
  request: { id: string; ip: string };
  t: TFunction;
  log: FastifyBaseLogger;
};

export function ctxOf(request: FastifyRequest): Ctx {
  return {
    auth: request.auth!,
    request: { id: request.id, ip: request.ip },
    t: request.t,
    log: request.log,
  };
}

/** An error about one field of the body: the message is also attached to the field. */
export function fieldError(
  ctx: Ctx,
  status: number,
  code: string,
  field: string,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError(code, status, params, [{ field, message: ctx.t(`errors.${code}`, params) }]);
}
