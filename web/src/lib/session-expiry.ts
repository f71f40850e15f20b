import { useSyncExternalStore } from 'react';

/**
 * When the server will end the session, as last reported by it (the x-session-idle-expires-at
 * header of every authenticated response, or a session body). Times are server times in ms;
 * `skewMs` is the server clock minus this browser's clock, measured from the Date header.
 */
export type SessionExpiry = {
  idleExpiresAt: number | null;
  absoluteExpiresAt: number | null;
  skewMs: number;
};

const EMPTY: SessionExpiry = { idleExpiresAt: null, absoluteExpiresAt: null, skewMs: 0 };
let snapshot: SessionExpiry = EMPTY;
const listeners = new Set<() => void>();

// Other tabs of the console share the same session: keep their timers in step.
const channel =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('caliu-session');
channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as Partial<SessionExpiry> | null;
  // Only a tab that holds the session follows it; a signed-out tab has no timer to move.
  if (snapshot.idleExpiresAt !== null && data && typeof data.idleExpiresAt === 'number') {
    update({ ...snapshot, idleExpiresAt: data.idleExpiresAt }, false);
  }
});

function update(next: SessionExpiry, broadcast: boolean): void {
  snapshot = next;
  if (broadcast && next.idleExpiresAt !== null) {
    channel?.postMessage({ idleExpiresAt: next.idleExpiresAt });
  }
  for (const listener of listeners) listener();
}

function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** Records the server's clock from a Date header, to measure time as the server does. */
export function recordServerDate(serverDate: string | null): void {
  const date = parseTime(serverDate);
  if (date === null) return;
  const difference = date - Date.now();
  // The Date header has one-second resolution: ignore differences below that.
  const skewMs = Math.abs(difference) > 1500 ? difference : 0;
  if (skewMs !== snapshot.skewMs) update({ ...snapshot, skewMs }, false);
}

/** Records the expiry times the server just reported (ISO strings). */
export function recordSessionExpiry(report: {
  idleExpiresAt?: string | null;
  absoluteExpiresAt?: string | null;
}): void {
  const idle = parseTime(report.idleExpiresAt);
  if (idle === null) return;
  const absolute = parseTime(report.absoluteExpiresAt);
  update(
    {
      ...snapshot,
      idleExpiresAt: idle,
      absoluteExpiresAt: absolute ?? snapshot.absoluteExpiresAt,
    },
    true,
  );
}

/** Forgets the session (after sign-out or expiry). */
export function clearSessionExpiry(): void {
  update({ ...EMPTY, skewMs: snapshot.skewMs }, false);
}

/** The current time on the server's clock, as best known. */
export function serverNow(): number {
  return Date.now() + snapshot.skewMs;
}

/** The moment the session ends: the idle expiry, capped by the absolute one. */
export function sessionEndsAt(expiry: SessionExpiry): number | null {
  if (expiry.idleExpiresAt === null) return null;
  return expiry.absoluteExpiresAt === null
    ? expiry.idleExpiresAt
    : Math.min(expiry.idleExpiresAt, expiry.absoluteExpiresAt);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest session expiry, re-rendering when the server reports a new one. */
export function useSessionExpiry(): SessionExpiry {
  return useSyncExternalStore(subscribe, () => snapshot);
}
