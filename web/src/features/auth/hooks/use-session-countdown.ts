import { useEffect, useState } from 'react';
import { serverNow, sessionEndsAt, useSessionExpiry } from '@/lib/session-expiry';

/** How long before the end of the session the console warns. */
export const WARNING_MS = 3 * 60 * 1000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export type SessionCountdown =
  | { phase: 'unknown' | 'active' }
  | { phase: 'warning'; msLeft: number; final: boolean }
  | { phase: 'expired' };

/**
 * Follows the session's expiry: 'warning' during its last three minutes (with the time left,
 * updated every second), then 'expired'. `final` tells that the absolute limit, which
 * keep-alive cannot extend, is the one running out.
 */
export function useSessionCountdown(): SessionCountdown {
  const expiry = useSessionExpiry();
  const [now, setNow] = useState(() => serverNow());

  useEffect(() => {
    const endsAt = sessionEndsAt(expiry);
    if (endsAt === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = serverNow();
      setNow(current);
      const left = endsAt - current;
      if (left <= 0) return;
      // Sleep until the warning starts, then wake on each second boundary of the countdown.
      const wait = left > WARNING_MS ? left - WARNING_MS : left % 1000 || 1000;
      timer = setTimeout(tick, Math.min(wait, MAX_TIMEOUT_MS));
    };
    timer = setTimeout(tick, 0);
    return () => clearTimeout(timer);
  }, [expiry]);

  const endsAt = sessionEndsAt(expiry);
  if (endsAt === null) return { phase: 'unknown' };
  const msLeft = endsAt - now;
  if (msLeft <= 0) return { phase: 'expired' };
  if (msLeft > WARNING_MS) return { phase: 'active' };
  const final =
    expiry.absoluteExpiresAt !== null &&
    expiry.idleExpiresAt !== null &&
    expiry.absoluteExpiresAt <= expiry.idleExpiresAt;
  return { phase: 'warning', msLeft, final };
}
