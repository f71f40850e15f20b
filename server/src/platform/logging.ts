import type { FastifyRequest } from 'fastify';

/**
 * pino options. Logged requests carry their id, method and path — never the query string (it can
 * hold a searched name), a cookie, a token, a password or any personal data. Errors are logged
 * through `describeError`, which keeps what helps to find the fault (type, SQLSTATE code,
 * constraint, stack frames) and drops every value the failing call carried.
 */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.mobile',
        '*.params',
        '*.query',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return {
          id: request.id,
          method: request.method,
          path: loggedPath(request.url),
        };
      },
      err: describeError,
      error: describeError,
    },
  };
}

/**
 * A request's path as the log writes it: without the query string, and with a secret that travels
 * in the path — a calendar feed's token, `/feeds/<token>.ics`, which calendar applications fetch
 * as it is, or a help request's status link — replaced by `[token]`.
 */
export function loggedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: judged as written.
  }
  if (/^\/+feeds(\/|$)/i.test(decoded)) return '/feeds/[token]';
  // A community help request's status page (issue 22): `/help/<entity code>/status/<token>`.
  const status = /^(\/+help\/+[^/]+\/+status)(\/|$)/i.exec(decoded);
  return status ? `${status[1]}/[token]` : path;
}

/** Marks a description, so that the logger's serializer passes it through unchanged. */
const DESCRIBED = Symbol('caliu.describedError');

/** Properties of a driver's error that name the fault, never the data (PostgreSQL's fields). */
const SAFE_FIELDS = [
  'code',
  'severity',
  'routine',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
] as const;

/** An error from the database driver or the query builder: its text repeats the values. */
function isDatabaseError(error: Record<string, unknown>): boolean {
  return ['query', 'params', 'severity', 'routine', 'detail', 'where'].some((k) => k in error);
}

/**
 * A message without the values it may quote: quoted or bracketed parts and anything after a
 * colon-introduced list of values go. Our own messages name things; a driver's quote data.
 */
function scrub(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|«[^»]*»|“[^”]*”|\([^)]*\)=\([^)]*\)/g, '[…]')
    .slice(0, 300);
}

/**
 * An error as the log may hold it: type, a message with no values in it, the safe fields of a
 * database error (its SQLSTATE code, constraint, table…), the stack's frames (not its first line,
 * which repeats the message) and the same for its cause. A query's text and parameters, a
 * driver's message and detail never reach the log.
 */
export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (isDescribed(error)) return error;
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  const fields = error as unknown as Record<string, unknown>;
  const database = isDatabaseError(fields);
  const described: ErrorDescription = {
    type: error.constructor?.name || error.name,
    message: database
      ? `database error${typeof fields.code === 'string' ? ` ${fields.code}` : ''}`
      : scrub(error.message),
    stack: '',
  };
  for (const key of SAFE_FIELDS) {
    const value = fields[key];
    if ((typeof value === 'string' && value.length <= 64) || typeof value === 'number') {
      described[key] = value;
    }
  }
  if (typeof error.stack === 'string') {
    described.stack = error.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 15)
      .join('\n');
  }
  if (error.cause !== undefined && depth < 3)
    described.cause = describeError(error.cause, depth + 1);
  Object.defineProperty(described, DESCRIBED, { value: true });
  return described;
}

export type ErrorDescription = { type: string; message: string; stack: string } & Record<
  string,
  unknown
>;

function isDescribed(value: unknown): value is ErrorDescription {
  return typeof value === 'object' && value !== null && DESCRIBED in value;
}
