import type { TFunction } from 'i18next';

/**
 * Every error the API answers carries a stable code and a translated message (locales/*.json,
 * section "errors"). Throw AppError from services and commands; the error handler presents it.
 */
export type ErrorDetail = { field?: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    readonly params: Record<string, string | number> = {},
    readonly details?: ErrorDetail[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** "Not found or no access": a record outside the user's scope is indistinguishable from none. */
export const notFound = (what = 'record') => new AppError('common.not_found', 404, { what });
export const forbidden = () => new AppError('auth.forbidden', 403);
export const unauthenticated = () => new AppError('auth.required', 401);
export const conflict = (code: string, params: Record<string, string | number> = {}) =>
  new AppError(code, 409, params);
export const invalid = (code: string, params: Record<string, string | number> = {}) =>
  new AppError(code, 400, params);

/** An error about one field of the body: the message is also attached to the field. */
export function fieldError(
  ctx: { t: TFunction },
  status: number,
  code: string,
  field: string,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError(code, status, params, [{ field, message: ctx.t(`errors.${code}`, params) }]);
}
