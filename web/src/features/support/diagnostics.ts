import { diagnosticsSchema, type Diagnostics } from '@caliu/common';
import { lastFailedRequest } from '../../lib/api-client';

/**
 * What a connection or export error ticket carries without asking: the last failed request (its
 * id, method, path and status), the page, the browser and the time. The page is its path only
 * (a query may hold names).
 */
export function collectDiagnostics(now: Date = new Date()): Diagnostics {
  const failed = lastFailedRequest();
  return {
    requestId: failed?.requestId ?? null,
    request: failed ? `${failed.request} (${failed.at})` : null,
    page: window.location.pathname.slice(0, 300),
    userAgent: navigator.userAgent.slice(0, 500),
    at: now.toISOString(),
  };
}

/**
 * A sent ticket's diagnostics, to show them: the server adds the entity and the user to what the
 * form sent, which the form's strict contract refuses, so only the keys shown are read.
 */
export function storedDiagnostics(value: unknown): Diagnostics | null {
  const parsed = diagnosticsSchema.strip().safeParse(value);
  return parsed.success ? parsed.data : null;
}
