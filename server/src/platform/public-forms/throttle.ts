import ipaddr from 'ipaddr.js';
import type { FastifyReply } from 'fastify';
import type { Tx } from '../../db/connect';
import { AppError } from '../errors';
import { sha256 } from '../secrets';

/**
 * The public forms' limits: so many requests for one email address, and from one IP address, in
 * a window. They use the sign-in's throttle table (login_throttles, modules/auth/throttle*):
 * the same rows, counted and blocked by the same functions, handed in by the module (the platform
 * knows none); only the keys are the forms' own — kinds `account` (the email) and `address` (the
 * IP), whose hashes start with `public_form:<form>:`, so they never meet a sign-in's count.
 *
 * A key counts each request; the request that reaches the limit still goes, and the key then waits
 * for a whole window; after it, the count starts again. Counts live in the entity the form names
 * (the table is behind the tenant wall): a form that names no entity stores and sends nothing,
 * so the proof of work is all it costs.
 */
export type ThrottleStore = {
  countAttempt(
    tx: Tx,
    entityId: string,
    key: FormKey,
    now: Date,
    restartBefore: Date,
  ): Promise<number | null>;
  block(tx: Tx, entityId: string, key: FormKey, until: Date): Promise<void>;
  blockedUntil(tx: Tx, entityId: string, key: FormKey): Promise<Date | null>;
};

type FormKey = { kind: 'account' | 'address'; hash: Buffer };

export type FormLimit = FormKey & { max: number; windowMs: number };

/** Requests for one email address: 5 a day. From one IP address: 20 an hour. */
export const PUBLIC_FORM_LIMITS = {
  email: { max: 5, windowMs: 24 * 3600_000 },
  address: { max: 20, windowMs: 3600_000 },
};

export type FormLimits = Record<keyof typeof PUBLIC_FORM_LIMITS, { max: number; windowMs: number }>;

/**
 * What one IP address counts as in the limits: an IPv4 address itself; an IPv6 address its /64
 * (one household or one host is usually given a whole /64, so a robot would otherwise change
 * address at each request); an IPv4-mapped IPv6 address (::ffff:192.0.2.1, how a dual-stack
 * socket shows an IPv4 client) the IPv4 address.
 */
export function addressKeyOf(ip: string): string {
  const address = ip.trim();
  if (!ipaddr.IPv6.isValid(address)) return address.toLowerCase();
  const parsed = ipaddr.IPv6.parse(address);
  if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().toString();
  return `${parsed.parts
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/**
 * The keys of one request of the form `form` (e.g. `support`, `help`): the email's (none when the
 * form was sent without one) and the IP address's (`addressKeyOf`: an IPv6 address counts as its
 * /64), at the platform's limits or the form's own.
 */
export function formLimits(
  form: string,
  email: string | null,
  ip: string,
  limits: FormLimits = PUBLIC_FORM_LIMITS,
): FormLimit[] {
  const keys: FormLimit[] = [];
  const address = email?.trim().toLowerCase();
  if (address) {
    keys.push({
      kind: 'account',
      hash: sha256(`public_form:${form}:email:${address}`),
      ...limits.email,
    });
  }
  keys.push({
    kind: 'address',
    hash: sha256(`public_form:${form}:address:${addressKeyOf(ip)}`),
    ...limits.address,
  });
  return keys;
}

/** The refusal of a request while a key waits: how long, in minutes or hours. */
export function formThrottledError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 90
    ? new AppError('public_forms.throttled', 429, { count: minutes, retryAfterSeconds: seconds })
    : new AppError('public_forms.throttled_hours', 429, {
        count: Math.ceil(minutes / 60),
        retryAfterSeconds: seconds,
      });
}

/**
 * Counts this request against every key (in its own short transaction, so that it counts even if
 * what follows fails). Throws `public_forms.throttled*` (429) while a key waits.
 */
export async function countFormRequest(
  tx: Tx,
  store: ThrottleStore,
  entityId: string,
  limits: FormLimit[],
  now: Date,
): Promise<void> {
  let waitUntil: Date | null = null;
  for (const limit of limits) {
    const key: FormKey = { kind: limit.kind, hash: limit.hash };
    const count = await store.countAttempt(
      tx,
      entityId,
      key,
      now,
      new Date(now.getTime() - limit.windowMs),
    );
    if (count === null) {
      const until = (await store.blockedUntil(tx, entityId, key)) ?? now;
      if (!waitUntil || until > waitUntil) waitUntil = until;
    } else if (count >= limit.max) {
      await store.block(tx, entityId, key, new Date(now.getTime() + limit.windowMs));
    }
  }
  if (waitUntil) throw formThrottledError(waitUntil, now);
}

/** A refused request also says how long to wait in the standard Retry-After header. */
export async function withFormRetryAfter<T>(
  reply: FastifyReply,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('public_forms.throttled')) {
      reply.header('retry-after', String(error.params.retryAfterSeconds ?? 60));
    }
    throw error;
  }
}
