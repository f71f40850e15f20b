import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The help form's signed token, for a browser without JavaScript (no proof of work there): the
 * page embeds when it was served, for which entity, signed with the installation key of the
 * public forms (platform/public-forms `challengeKeyOf`, under a label of its own). A post is
 * accepted only when the token is at least `minAgeMs` old (a person takes seconds to fill the
 * form; a robot posts at once) and at most an hour, and once: a token that goes through carries
 * an id (a uuid derived from what it signs), which the intake marks used the way the proof of
 * work's challenges are (platform/public-forms `useOnce`).
 */
export const FORM_TOKEN_MAX_AGE_MS = 3600_000;

export type FormTokenCheck =
  | { ok: true; id: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'too_young' | 'expired' };

/** The token's id: a uuid from the hash of what it signs (two tokens never share it). */
function idOf(entityId: string, issuedAt: number, nonce: string): string {
  const hex = createHash('sha256')
    .update(`help_form_token_id_v1|${entityId}|${issuedAt}|${nonce}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function mac(key: Buffer, entityId: string, issuedAt: number, nonce: string): string {
  return createHmac('sha256', key)
    .update(`help_form_token_v1|${entityId}|${issuedAt}|${nonce}`)
    .digest('base64url');
}

export function issueFormToken(key: Buffer, entityId: string, now: Date): string {
  const issuedAt = now.getTime();
  const nonce = randomBytes(9).toString('base64url');
  return `${issuedAt}.${nonce}.${mac(key, entityId, issuedAt, nonce)}`;
}

export function checkFormToken(
  key: Buffer,
  entityId: string,
  token: string,
  now: Date,
  minAgeMs: number,
): FormTokenCheck {
  const [issued, nonce, signature, ...rest] = token.split('.');
  if (!issued || !nonce || !signature || rest.length || !/^\d{1,15}$/.test(issued)) {
    return { ok: false, reason: 'invalid' };
  }
  const issuedAt = Number(issued);
  const expected = Buffer.from(mac(key, entityId, issuedAt, nonce));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'invalid' };
  }
  const age = now.getTime() - issuedAt;
  if (age < minAgeMs) return { ok: false, reason: 'too_young' };
  if (age > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    id: idOf(entityId, issuedAt, nonce),
    expiresAt: new Date(issuedAt + FORM_TOKEN_MAX_AGE_MS),
  };
}
