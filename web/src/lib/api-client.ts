import { apiErrorSchema, CSRF_HEADER, SESSION_EXPIRY_HEADER } from '@caliu/common';
import { currentLanguage, i18n } from './i18n';
import { recordServerDate, recordSessionExpiry } from './session-expiry';

export type ApiErrorDetail = { field?: string | undefined; message: string };

/** An error answered by the API (or met on the way to it), with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the client needs of a schema: a zod schema fits. */
export type Schema<T> = {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RequestOptions = {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as they are, `application/octet-stream` (a chunk of a file). */
  bytes?: Blob;
  signal?: AbortSignal;
};

let csrfToken: string | null = null;
let lastFailure: FailedRequest | null = null;

/** The last request the API refused or that did not reach it (for a support ticket's details). */
export type FailedRequest = {
  /** The answer's `x-request-id` header (null when no answer came). */
  requestId: string | null;
  /** Method, path without its query (it may hold names) and status: `GET /api/exports → 500`. */
  request: string;
  at: string;
};

/** The last failed request since the page loaded, or null. */
export function lastFailedRequest(): FailedRequest | null {
  return lastFailure;
}

function recordFailure(
  method: Method,
  path: string,
  status: number | 'network',
  requestId: string | null,
) {
  const bare = path.split('?')[0] ?? path;
  lastFailure = {
    requestId,
    request: `${method} ${bare} → ${status}`,
    at: new Date().toISOString(),
  };
}
const unauthorizedListeners = new Set<() => void>();

/** Sets the anti-CSRF token of the signed-in session (null once signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Calls `listener` when the API answers 401 while a session is believed open (it expired or
 * was revoked). Returns the unsubscribe function.
 */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, for instance): fall through to the generic message.
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details ?? []);
  }
  return new ApiError(response.status, 'http.unexpected', i18n.t('errors.unexpected'));
}

/** Sends a request to the API; resolves with the response when it is a success. */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  else if (options.bytes !== undefined) headers['Content-Type'] = 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? options.bytes : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    recordFailure(method, path, 'network', null);
    throw new ApiError(0, 'network.unreachable', i18n.t('errors.network'));
  }

  recordServerDate(response.headers.get('date'));
  // Only while signed in: a late answer must not revive the timer of a session already ended.
  if (csrfToken !== null) {
    recordSessionExpiry({ idleExpiresAt: response.headers.get(SESSION_EXPIRY_HEADER) });
  }

  if (response.ok) return response;
  recordFailure(method, path, response.status, response.headers.get('x-request-id'));
  const error = await toApiError(response);
  if (response.status === 401 && csrfToken !== null) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

/** Sends a request and parses its JSON answer with `schema`. */
export async function apiJson<T>(
  path: string,
  schema: Schema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const response = await apiRequest(path, options);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    console.error(`Unexpected answer from ${path}`, parsed.error);
    throw new ApiError(response.status, 'response.invalid', i18n.t('errors.unexpected'));
  }
  return parsed.data;
}
