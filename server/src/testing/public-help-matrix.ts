import { createHash } from 'node:crypto';
import type { PowChallenge } from '@caliu/common';
import { publicSupportRequests } from '../db/schema';
import { mintSecretLink } from '../platform/messaging/secret-links';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';

/**
 * The authorization matrix's rows and scenarios for the public forms (issue 19): the challenge,
 * the help form and its confirmation link are open to anyone, signed in or not — they are for
 * whoever cannot sign in, and carry their own proof (the proof of work, the emailed secret).
 */

const NONE: Relation[] = ['none'];
const EVERY_CALLER: readonly Caller[] = [
  'anonymous',
  'administrator',
  'tech_admin',
  'coordinator',
  'tech_ssb',
  'tech_siad',
  'tech_sad',
  'tech_immigration',
  'tech_eaia',
  'aux_admin',
  'operator',
  'head_of_operations',
  'support_agent',
];

function allow(callers: readonly Caller[], relations: Relation[]) {
  return Object.fromEntries(callers.map((c) => [c, relations])) as Partial<
    Record<Caller, Relation[]>
  >;
}

export const PUBLIC_HELP_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/public/challenge': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
  'POST /api/public/support-requests': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
  'POST /api/public/support-requests/confirm': {
    relations: NONE,
    allow: allow(EVERY_CALLER, NONE),
  },
};

/** The browser's work, in Node: the first nonce with the zero bits asked for. */
function solve(challenge: PowChallenge): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${challenge.salt}:${n}`).digest();
    const word = digest.readUInt32BE(0);
    if ((word === 0 ? 32 : Math.clz32(word)) >= challenge.difficulty) return String(n);
  }
}

let counter = 0;

export const PUBLIC_HELP_SCENARIOS: Record<string, Scenario> = {
  'GET /api/public/challenge': async () => ({ method: 'GET', url: '/api/public/challenge' }),
  'POST /api/public/support-requests': async (w: World) => {
    const res = await w.app.inject({ method: 'GET', url: '/api/public/challenge' });
    const challenge = res.json() as PowChallenge;
    counter++;
    return {
      method: 'POST',
      url: '/api/public/support-requests',
      payload: {
        entity: w.a.code,
        name: 'Matrix Caller',
        email: `matrix.${counter}.${Date.now()}@${w.a.domain}`,
        description: 'Cannot sign in.',
        proof: { ...challenge, nonce: solve(challenge) },
      },
    };
  },
  'POST /api/public/support-requests/confirm': async (w: World) => {
    const now = new Date();
    const token = await w.db.tenant(w.a.id, async (tx) => {
      const [row] = await tx
        .insert(publicSupportRequests)
        .values({
          entityId: w.a.id,
          name: 'Matrix Caller',
          email: `matrix.confirm@${w.a.domain}`,
          description: 'Cannot sign in.',
          language: 'en',
          createdAt: now,
          expiresAt: new Date(now.getTime() + 24 * 3600_000),
        })
        .returning({ id: publicSupportRequests.id });
      return mintSecretLink(tx, {
        entityId: w.a.id,
        purpose: 'public_support_request',
        subjectId: row!.id,
        ttlHours: 24,
        now,
      });
    });
    return { method: 'POST', url: '/api/public/support-requests/confirm', payload: { token } };
  },
};
