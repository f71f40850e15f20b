import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  type ZodFastifySchemaValidationError,
} from 'fastify-type-provider-zod';
import type { TFunction } from 'i18next';
import type { ErrorDetail } from './errors';
import { AppError } from './errors';
import type { Database } from '../db/connect';
import { writeAudit } from './audit';
import { actorOf } from './context';
import { isDataException } from './db-errors';
import { describeError } from './logging';
import { contextOf } from './request-context';

/** The one error shape: `{ error: { code, message, details? } }`, message in the caller's language. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: ErrorDetail[],
) {
  return reply.code(status).send({ error: { code, message, ...(details ? { details } : {}) } });
}

function valueAt(root: unknown, path: string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Turns zod issues into sentences that name the field in words a person understands. */
export function translateValidation(
  t: TFunction,
  request: FastifyRequest,
  context: string | undefined,
  issues: ZodFastifySchemaValidationError[],
): ErrorDetail[] {
  const source =
    context === 'querystring'
      ? request.query
      : context === 'params'
        ? request.params
        : request.body;
  return issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const fieldKey = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '_request';
    const fieldName = t(`fields.${fieldKey}`, { defaultValue: fieldKey });
    const params = issue.params as Record<string, unknown>;
    const field = path.join('.') || undefined;
    const say = (key: string, extra: Record<string, unknown> = {}) => ({
      ...(field ? { field } : {}),
      message: t(`validation.${key}`, { field: fieldName, ...extra }),
    });
    switch (issue.keyword) {
      case 'invalid_type':
        return valueAt(source, path) === undefined || valueAt(source, path) === null
          ? say('required')
          : say('invalid_type');
      case 'too_small':
        if (params.origin === 'string') {
          return Number(params.minimum) <= 1
            ? say('required')
            : say('too_short', { min: params.minimum });
        }
        return say('too_small', { min: params.minimum });
      case 'too_big':
        return params.origin === 'string'
          ? say('too_long', { max: params.maximum })
          : say('too_big', { max: params.maximum });
      case 'invalid_format':
        if (params.format === 'email') return say('invalid_email');
        if (params.format === 'uuid') return say('invalid_uuid');
        if (params.format === 'date' || params.format === 'datetime') return say('invalid_date');
        return say('invalid');
      case 'invalid_value':
        return say('invalid_option', {
          options: Array.isArray(params.values) ? params.values.join(', ') : '',
        });
      case 'unrecognized_keys':
        return say('unrecognized_keys', {
          keys: Array.isArray(params.keys) ? params.keys.join(', ') : '',
        });
      case 'custom': {
        // Rules refined in schemas name their message key: `.refine(fn, { params: { i18n: 'x' } })`.
        const key = (params.params as { i18n?: string } | undefined)?.i18n;
        return key ? say(key) : say('invalid');
      }
      default:
        return say('invalid');
    }
  });
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'http.bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'http.bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'http.payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'http.unsupported_media_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'http.bad_request',
  FST_ERR_NOT_FOUND: 'http.not_found',
};

/**
 * Fastify's error handler: every error leaves in the one shape, never a stack trace. A signed-in
 * user's look-up that finds nothing they may see is recorded as a denied access.
 */
export function createErrorHandler(database: Database) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError && error.statusCode === 404 && request.auth) {
      const ctx = contextOf(request);
      await database
        .tenant(ctx.auth.entity.id, (tx) =>
          writeAudit(tx, actorOf(ctx), {
            action: 'access.not_found',
            outcome: 'denied',
            details: {
              method: request.method,
              route: request.routeOptions.url,
              params: request.params,
            },
          }),
        )
        .catch((err: unknown) =>
          request.log.error({ err: describeError(err) }, 'could not audit a refused look-up'),
        );
    }
    return errorHandler(error, request, reply);
  };
}

function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const t = request.t;
  if (error instanceof AppError) {
    return sendError(
      reply,
      error.statusCode,
      error.code,
      t(`errors.${error.code}`, error.params),
      error.details,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = translateValidation(t, request, error.validationContext, error.validation);
    const fields = [
      ...new Set(
        details
          .map((d) =>
            d.field
              ?.split('.')
              .reverse()
              .find((p) => !/^\d+$/.test(p)),
          )
          .filter((f): f is string => Boolean(f))
          .map((f) => t(`fields.${f}`, { defaultValue: f })),
      ),
    ].join(', ');
    return sendError(
      reply,
      400,
      'validation.invalid',
      t('errors.validation.invalid', { fields: fields || t('fields._request') }),
      details,
    );
  }
  if (isResponseSerializationError(error)) {
    request.log.error(
      {
        err: describeError(error),
        issues: error.cause.issues.map((i) => ({ code: i.code, path: i.path })),
      },
      'response does not match its schema',
    );
    return sendError(reply, 500, 'internal', t('errors.internal'));
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return sendError(reply, error.statusCode ?? 400, mapped, t(`errors.${mapped}`));
  if (error.statusCode === 429) {
    return sendError(reply, 429, 'http.too_many_requests', t('errors.http.too_many_requests'));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(reply, error.statusCode, 'http.bad_request', t('errors.http.bad_request'));
  }
  if (isDataException(error)) {
    // Input the schemas let through but PostgreSQL refuses (SQLSTATE class 22): the caller's
    // fault, not ours. Logged like any error: type and code, never the values.
    request.log.warn({ err: describeError(error) }, 'input refused by the database');
    return sendError(reply, 400, 'http.bad_request', t('errors.http.bad_request'));
  }
  // A driver's error repeats the query's parameters (names, documents, phones): only its
  // description (type, SQLSTATE code, constraint, stack frames) is logged.
  request.log.error({ err: describeError(error) }, 'unhandled error');
  return sendError(reply, 500, 'internal', t('errors.internal'));
}
