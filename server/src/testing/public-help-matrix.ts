import { createHash } from 'node:crypto';
import { helpRequestFormSchema, type PowChallenge } from '@caliu/common';
import { loadConfig } from '../config';
import { publicSupportRequests } from '../db/schema';
import { mintSecretLink } from '../platform/messaging/secret-links';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/connect';
import { challengeKeyOf } from '../platform/public-forms';
import { issueFormToken } from '../modules/community-help/form-token';
import { submitHelpRequest } from '../modules/community-help/submissions';
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
  // Community help's public form (issue 22): the page, its posts, the status page, the script.
  'GET /help/:entityCode': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
  'POST /help/:entityCode': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
  'POST /api/public/help/:entityCode': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
  'GET /help/:entityCode/status/:token': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
  'GET /help/form.js': { relations: NONE, allow: allow(EVERY_CALLER, NONE) },
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

/** A help request's fields for the world's entity A (a phone, no email: no email limit). */
async function helpFields(w: World) {
  const [municipality] = await w.db.tenant(w.a.id, (tx) =>
    rowsOf<{ id: string }>(tx, sql`SELECT id FROM municipalities ORDER BY name LIMIT 1`),
  );
  counter++;
  return {
    name: `Matrix Caller ${counter}`,
    phone: '600 000 000',
    email: '',
    address: 'Carrer Major 1',
    municipalityId: municipality!.id,
    helpType: 'shopping',
    when: 'asap',
    urgency: 'medium',
    description: 'Shopping once a week.',
    language: 'ca',
  };
}

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
  'GET /help/:entityCode': async (w: World) => ({ method: 'GET', url: `/help/${w.a.code}` }),
  'POST /help/:entityCode': async (w: World) => {
    // A token served a minute ago (old enough): the form posted without JavaScript.
    const key = await challengeKeyOf(w.db);
    const formToken = issueFormToken(key, w.a.id, new Date(Date.now() - 60_000));
    const body = new URLSearchParams({ ...(await helpFields(w)), consent: 'on', formToken });
    return {
      method: 'POST',
      url: `/help/${w.a.code}`,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  },
  'POST /api/public/help/:entityCode': async (w: World) => {
    const res = await w.app.inject({ method: 'GET', url: '/api/public/challenge' });
    const challenge = res.json() as PowChallenge;
    return {
      method: 'POST',
      url: `/api/public/help/${w.a.code}`,
      payload: {
        ...(await helpFields(w)),
        consent: true,
        proof: { ...challenge, nonce: solve(challenge) },
      },
    };
  },
  'GET /help/:entityCode/status/:token': async (w: World) => {
    const fields = await helpFields(w);
    const { statusToken } = await w.db.tenant(w.a.id, (tx) =>
      submitHelpRequest({ config: loadConfig({}) }, tx, {
        entityId: w.a.id,
        form: helpRequestFormSchema.parse({ ...fields, consent: true }),
        language: 'ca',
        now: new Date(),
      }),
    );
    return { method: 'GET', url: `/help/${w.a.code}/status/${statusToken}` };
  },
  'GET /help/form.js': async () => ({ method: 'GET', url: '/help/form.js' }),
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
