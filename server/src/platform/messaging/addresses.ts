import { createHash } from 'node:crypto';
import type { Config } from '../../config';
import type { LinkToken } from './templates/define';

/** The address Caliu's emails come from: SMTP_FROM (its address part), else no-reply@<host>. */
export function senderAddress(config: Config): string {
  const from = config.smtpFrom?.trim();
  if (from) return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from;
  const host = config.publicUrl ? new URL(config.publicUrl).hostname : 'localhost';
  return `no-reply@${host}`;
}

/**
 * The Message-ID of an outbox message: a function of its entity and idempotency key only, so a
 * message sent twice (a crash between sending and marking sent) carries the same Message-ID.
 */
export function messageIdFor(config: Config, entityId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${entityId}\n${idempotencyKey}`).digest('hex');
  const domain = senderAddress(config).split('@')[1] || 'localhost';
  return `<${digest.slice(0, 40)}@${domain}>`;
}

/** A phone number as the demo mailbox shows and stores it: its last 3 digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `•••••${digits.slice(-3)}`;
}

/**
 * The URL of a secret link: the token travels after `#`, so it never reaches a server log — or,
 * for an address a program fetches as it is (a calendar feed), as the last segment of the path
 * (`/feeds/<token>.ics`), which the request log masks.
 */
export function linkUrl(
  config: Config,
  path: string,
  token: string,
  placement: LinkToken = { in: 'fragment' },
): string {
  const base = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  if (placement.in === 'path')
    return `${base}${path.replace(/\/+$/, '')}/${token}${placement.suffix}`;
  return `${base}${path}#token=${token}`;
}
