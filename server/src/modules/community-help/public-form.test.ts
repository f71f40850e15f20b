import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Language, LANGUAGES, type PowChallenge } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { loggedPath } from '../../platform/logging';
import { findTemplate } from '../../platform/messaging/templates';
import { mintSecretLink } from '../../platform/messaging/secret-links';
import { serverLocales } from '../../platform/i18n';
import { buildTestApp, manualClock, TEST_PASSWORD } from '../../testing/app';
import { DEMO_PORTAL_ORIGIN, seedDemo } from '../../demo/seed';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { outboxOf } from '../../testing/messaging';
import { challengeKeyOf } from '../../platform/public-forms';
import { issueFormToken } from './form-token';
import { HELP_FORM_BASIC_LIMITS, HELP_FORM_LIMITS, HELP_FORM_POST_LIMITS } from './public-intake';
import { notifyEntity } from './watcher';
import { HELP_STATUS_LINK_PURPOSE } from './submissions';

const DIFFICULTY = 4;

/** What the browser's script does: the first nonce whose digest has the zero bits asked for. */
function solve(challenge: PowChallenge): string {
  for (let n = 0; ; n++) {
    const word = createHash('sha256').update(`${challenge.salt}:${n}`).digest().readUInt32BE(0);
    if ((word === 0 ? 32 : Math.clz32(word)) >= challenge.difficulty) return String(n);
  }
}

type Tree = { [key: string]: string | Tree };
function text(language: Language, key: string): string {
  let node: string | Tree | undefined = serverLocales[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no text ${language}:${key}`);
  return node;
}
/** A text as the page writes it (HTML-escaped). */
const html = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

async function setUp(options: { frameOrigins?: string[]; operator?: boolean } = {}) {
  const clock = manualClock();
  const { app, database, config } = await buildTestApp({
    clock,
    env: { CALIU_POW_DIFFICULTY: String(DIFFICULTY), CALIU_HELP_FORM_MIN_SECONDS: '3' },
  });
  const entity = await createTestEntity(database, { defaultLanguage: 'es' });
  // Someone reads the requests: without an active operator the form is not there.
  const operator =
    options.operator === false
      ? null
      : await createTestProfessional(database, entity, { roles: ['operator'] });
  const origins = options.frameOrigins;
  if (origins) {
    // As the README says: the database owner lists the portal origins.
    await database.asOwner((tx) =>
      tx.execute(sql`UPDATE entities SET help_frame_origins = ${`{${origins.join(',')}}`}::text[]
        WHERE id = ${entity.id}`),
    );
  }
  const fields = (overrides: Record<string, string | boolean> = {}) => ({
    name: 'Rosa Puig Soler',
    phone: '+34 600 111 222',
    email: 'rosa.puig@example.org',
    address: 'Carrer del Forn 3, 2n',
    municipalityId: entity.municipalities.north1,
    helpType: 'medicines',
    when: 'date',
    neededOn: '2026-12-10',
    neededPart: 'morning',
    urgency: 'high',
    description: 'Collect my medicines at the pharmacy, please.',
    language: 'ca',
    consent: true,
    ...overrides,
  });
  const solved = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/challenge' });
    const challenge = res.json() as PowChallenge;
    return { ...challenge, nonce: solve(challenge) };
  };
  /** The script's post: JSON with a solved proof. */
  const postJson = async (
    body: Record<string, unknown>,
    options: { ip?: string; lang?: string } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: `/api/public/help/${entity.code}`,
      headers: { 'accept-language': options.lang ?? 'en' },
      remoteAddress: options.ip ?? '198.51.100.7',
      payload: { ...body, proof: 'proof' in body ? body.proof : await solved() },
    });
  const page = (lang = 'en') =>
    app.inject({ method: 'GET', url: `/help/${entity.code}?lang=${lang}` });
  /** The form token of a page served now. */
  const formToken = async () => {
    const res = await page();
    return /name="formToken" value="([^"]+)"/.exec(res.body)![1]!;
  };
  /** The form posted without JavaScript (urlencoded, as a browser sends it). */
  const postForm = (values: Record<string, string>, ip = '198.51.100.8', lang = 'en') =>
    app.inject({
      method: 'POST',
      url: `/help/${entity.code}?lang=${lang}`,
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(values).toString(),
    });
  const formFields = (overrides: Record<string, string> = {}) => {
    const { consent: _consent, ...rest } = fields();
    return { ...(rest as Record<string, string>), consent: 'on', ...overrides };
  };
  const submissions = () =>
    database.tenant(entity.id, (tx) =>
      rowsOf<{
        id: string;
        reference: string;
        fields: Record<string, unknown>;
        language: string;
        status_token_hash: Buffer | Uint8Array;
      }>(tx, sql`SELECT * FROM help_request_submissions ORDER BY submitted_at, reference`),
    );
  return {
    app,
    database,
    config,
    entity,
    operator,
    clock,
    fields,
    solved,
    postJson,
    page,
    formToken,
    postForm,
    formFields,
    submissions,
  };
}

describe('the community help form (public page)', () => {
  it('renders in the four languages, in the entity’s by default, with labelled fields', async () => {
    const { page, app, entity } = await setUp();
    for (const lang of LANGUAGES) {
      const res = await page(lang);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(html(text(lang, 'community_help.page.title')));
      expect(res.body).toContain(html(text(lang, 'community_help.page.help_types.phone_company')));
      expect(res.body).toContain(html(text(lang, 'community_help.page.submit')));
      // The consent's text in the page's language, with the entity's name.
      expect(res.body).toContain(
        html(
          text(lang, 'community_help.page.consent_text').replace(
            '{{entityName}}',
            `Test entity ${entity.code}`,
          ),
        ),
      );
      // Every municipality of the entity to choose from.
      expect(res.body).toContain(`value="${entity.municipalities.south}"`);
      // Radio groups in a fieldset with a legend; every input with its label.
      expect(res.body).toMatch(/<fieldset data-field="urgency"[^>]*>\s*<legend>/);
      for (const id of res.body.matchAll(/<input [^>]*id="(f-[^"]+)"/g)) {
        expect(res.body).toContain(`for="${id[1]}"`);
      }
    }
    const byDefault = await app.inject({ method: 'GET', url: `/help/${entity.code}` });
    expect(byDefault.body).toContain('<html lang="es">');
  });

  it('sets no cookie, and may be framed only by the entity’s portal origins', async () => {
    const closed = await setUp();
    const res = await closed.page();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');

    const open = await setUp({
      frameOrigins: ['https://www.ajuntament.example', 'https://portal.example:8443'],
    });
    for (const res of [
      await open.page(),
      await open.postForm(open.formFields({ formToken: 'x' })),
      await open.postJson(open.fields({ name: '' })),
    ]) {
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const framed = await open.page();
    expect(framed.headers['content-security-policy']).toContain(
      'frame-ancestors https://www.ajuntament.example https://portal.example:8443',
    );
    expect(framed.headers['x-frame-options']).toBeUndefined();
    // The rest of the application stays unframeable.
    const health = await open.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('on the demo entity, may be framed by its example portal', async () => {
    const { app, database } = await setUp();
    await seedDemo(database, TEST_PASSWORD);
    const res = await app.inject({ method: 'GET', url: '/help/demo' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ca">');
    expect(res.headers['content-security-policy']).toContain(
      `frame-ancestors ${DEMO_PORTAL_ORIGIN}`,
    );
  });

  it('answers an unknown entity with a page in words (404), and leaves /help/confirm to the console', async () => {
    const { app } = await setUp();
    const res = await app.inject({ method: 'GET', url: '/help/no-such-council?lang=ca' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain(html(text('ca', 'community_help.page.not_found_text')));
    const confirm = await app.inject({ method: 'GET', url: '/help/confirm' });
    expect(confirm.body).not.toContain(html(text('ca', 'community_help.page.not_found_text')));
  });
});

describe('the form with JavaScript (JSON and a proof of work)', () => {
  it('stores the submission with a reference, a hashed status token, and emails the citizen', async () => {
    const { postJson, fields, submissions, database, entity, app } = await setUp();
    const res = await postJson(fields());
    expect(res.statusCode).toBe(201);
    const { reference, statusUrl } = res.json() as { reference: string; statusUrl: string };
    expect(reference).toMatch(new RegExp(`^A-${new Date().getUTCFullYear()}-000001$`));
    const token = statusUrl.split('/status/')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers['set-cookie']).toBeUndefined();

    const [row] = await submissions();
    expect(row!.reference).toBe(reference);
    expect(row!.fields).toMatchObject({ name: 'Rosa Puig Soler', helpType: 'medicines' });
    // Only the SHA-256 of the token is kept.
    expect(Buffer.from(row!.status_token_hash)).toEqual(
      createHash('sha256').update(token).digest(),
    );
    expect(JSON.stringify(row)).not.toContain(token);

    const outbox = (await outboxOf(database, entity.id)).filter(
      (m) => m.template === 'help_request_received',
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      recipient: 'rosa.puig@example.org',
      language: 'ca',
      data: { reference },
      secretPurpose: HELP_STATUS_LINK_PURPOSE,
      secretSubjectId: row!.id,
    });

    // A second request: the next number; no email, no message.
    const second = await postJson(fields({ email: '' }));
    expect(second.statusCode).toBe(201);
    expect((second.json() as { reference: string }).reference).toMatch(/-000002$/);
    expect(
      (await outboxOf(database, entity.id)).filter((m) => m.template === 'help_request_received'),
    ).toHaveLength(1);
    await app.close();
  });

  it('refuses a proof used twice, and answers each field’s error in the page’s language', async () => {
    const { postJson, fields, solved, submissions } = await setUp();
    const proof = await solved();
    expect((await postJson({ ...fields(), proof })).statusCode).toBe(201);
    const again = await postJson({ ...fields(), proof });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('public_forms.proof_used');

    const bad = await postJson(
      fields({ name: '', phone: '', email: '', consent: false, when: 'date', neededOn: '' }),
      { lang: 'it' },
    );
    expect(bad.statusCode).toBe(400);
    const details = bad.json().error.details as { field: string; message: string }[];
    const byField = Object.fromEntries(details.map((d) => [d.field, d.message]));
    expect(byField).toMatchObject({
      name: text('it', 'community_help.errors.required'),
      phone: text('it', 'community_help.errors.phone_or_email'),
      email: text('it', 'community_help.errors.phone_or_email'),
      consent: text('it', 'community_help.errors.consent_required'),
      neededOn: text('it', 'community_help.errors.required'),
    });
    const foreign = await postJson(
      fields({ municipalityId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(foreign.json().error.details).toEqual([
      { field: 'municipalityId', message: text('en', 'community_help.errors.municipality') },
    ]);
    expect(await submissions()).toHaveLength(1);
  });

  it('drops a request whose honeypot is filled: answered like any other, nothing stored or sent', async () => {
    const { postJson, fields, submissions, database, entity } = await setUp();
    const res = await postJson({ ...fields(), website: 'https://spam.example' });
    expect(res.statusCode).toBe(201);
    expect((res.json() as { reference: string }).reference).toMatch(/^A-\d{4}-\d{6}$/);
    expect(await submissions()).toHaveLength(0);
    expect(await outboxOf(database, entity.id)).toHaveLength(0);
  });

  it("under a burst of 1,000 posts from one address: 429 after the threshold, never a 5xx, one operators' email", async () => {
    const { postJson, fields, submissions, database, config, clock, entity, operator } =
      await setUp();
    const max = HELP_FORM_LIMITS.address.max;
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    // One after the other up to the threshold: each accepted, the next refused.
    for (let i = 0; i <= max; i++) {
      const res = await postJson(fields({ email: '' }));
      count(res.statusCode);
      expect(res.statusCode).toBe(i < max ? 201 : 429);
      if (i === max) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.json().error.code).toMatch(/^public_forms\.throttled/);
      }
    }
    // The rest as a burst, 25 at a time, each with its proof of work solved.
    for (let sent = max + 1; sent < 1000; sent += 25) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(25, 1000 - sent) }, () => postJson(fields({ email: '' }))),
      );
      for (const res of answers) count(res.statusCode);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 201: max, 429: 1000 - max });
    expect(await submissions()).toHaveLength(max);
    // The operators hear of it once: two watchers (two worker processes) pass at the same time.
    const sent = await Promise.all([
      notifyEntity(database, config, entity.id, clock.now()),
      notifyEntity(database, config, entity.id, clock.now()),
    ]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    const emails = (await outboxOf(database, entity.id)).filter(
      (m) => m.template === 'help_requests_waiting',
    );
    expect(emails).toHaveLength(1);
    expect(emails[0]!.recipient).toBe(operator!.email);
  }, 120_000);
});

describe('the form without JavaScript (a signed form token, a stricter limit)', () => {
  it('refuses a token too young in words, keeping what was typed; accepts it a moment later', async () => {
    const { formToken, postForm, formFields, clock, submissions } = await setUp();
    const token = await formToken();
    const early = await postForm(formFields({ formToken: token }));
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(html(text('en', 'community_help.page.token_too_young')));
    expect(early.body).toContain('value="Rosa Puig Soler"');
    expect(early.body).toContain('Collect my medicines at the pharmacy, please.</textarea>');
    expect(await submissions()).toHaveLength(0);

    clock.advance(3_500);
    const res = await postForm(formFields({ formToken: token }));
    expect(res.statusCode).toBe(201);
    expect(res.headers['set-cookie']).toBeUndefined();
    const [row] = await submissions();
    expect(res.body).toContain(row!.reference);
    expect(res.body).toMatch(new RegExp(`/help/[^/]+/status/[A-Za-z0-9_-]{43}`));
  });

  it('refuses a forged or hour-old token', async () => {
    const { formToken, postForm, formFields, clock } = await setUp();
    const token = await formToken();
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    clock.advance(10_000);
    const res = await postForm(formFields({ formToken: forged }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(html(text('en', 'community_help.page.token_invalid')));
    clock.advance(3600_000);
    const old = await postForm(formFields({ formToken: token }));
    expect(old.statusCode).toBe(400);
    expect(old.body).toContain(html(text('en', 'community_help.page.token_invalid')));
  });

  it('shows each error beside its field, with a summary that links to the fields', async () => {
    const { formToken, postForm, formFields, clock, submissions } = await setUp();
    const token = await formToken();
    clock.advance(5_000);
    const res = await postForm(
      formFields({ formToken: token, name: '', phone: '', email: 'not-an-email', consent: '' }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.body;
    expect(body).toContain('id="error-summary" role="alert"');
    expect(body).toContain('<a href="#f-name">');
    expect(body).toContain('<a href="#f-consent">');
    expect(body).toMatch(
      /<p class="error" id="f-name-error">[^<]+<\/p><input id="f-name"[^>]*aria-describedby="f-name-error" aria-invalid="true"/,
    );
    expect(body).toMatch(/<input id="f-email"[^>]*aria-describedby="contact-hint f-email-error"/);
    expect(body).toContain(html(text('en', 'community_help.errors.email')));
    expect(body).toContain(html(text('en', 'community_help.errors.consent_required')));
    // What was typed stays.
    expect(body).toContain('value="not-an-email"');
    expect(body).toMatch(/<option value="[^"]+" selected>North One<\/option>/);
    expect(body).toMatch(/id="f-urgency-high" name="urgency" value="high" checked/);
    expect(await submissions()).toHaveLength(0);
  });

  it('drops a filled honeypot silently', async () => {
    const { formToken, postForm, formFields, clock, submissions } = await setUp();
    const token = await formToken();
    clock.advance(5_000);
    const res = await postForm(formFields({ formToken: token, website: 'spam' }));
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain(html(text('en', 'community_help.page.success_title')));
    expect(await submissions()).toHaveLength(0);
  });

  it('answers a burst with a page in words (429) after its stricter threshold, never a 5xx', async () => {
    const { postForm, formFields, clock, submissions, database, entity } = await setUp();
    // A token each (a token goes through once), as if 1,000 pages had been served.
    const key = await challengeKeyOf(database);
    const tokens = Array.from({ length: 1000 }, () => issueFormToken(key, entity.id, clock.now()));
    clock.advance(5_000);
    const statuses = new Map<number, number>();
    for (const token of tokens) {
      const res = await postForm(formFields({ formToken: token, email: '' }), '203.0.113.9');
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 429 && statuses.get(429) === 1) {
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.body).toContain(html(text('en', 'community_help.page.throttled_title')));
      }
    }
    const max = HELP_FORM_BASIC_LIMITS.address.max;
    expect(Object.fromEntries(statuses)).toEqual({ 201: max, 429: 1000 - max });
    expect(await submissions()).toHaveLength(max);
  }, 120_000);
});

describe('the intake’s abuse rules', () => {
  it('takes a form token once: a replay, from anywhere, is refused in the page’s language', async () => {
    const { formToken, postForm, formFields, clock, submissions } = await setUp();
    const token = await formToken();
    clock.advance(5_000);
    // A post refused for its fields keeps the token for the next one.
    const invalid = await postForm(formFields({ formToken: token, name: '' }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain(`name="formToken" value="${token}"`);
    expect((await postForm(formFields({ formToken: token }))).statusCode).toBe(201);

    for (const [ip, lang] of [
      ['198.51.100.8', 'ca'],
      ['192.0.2.200', 'it'],
    ] as const) {
      const replay = await postForm(formFields({ formToken: token }), ip, lang);
      expect(replay.statusCode).toBe(400);
      expect(replay.body).toContain(`<html lang="${lang}">`);
      expect(replay.body).toContain(html(text(lang, 'community_help.page.token_used')));
      // What was typed stays, with a new token to send it with.
      expect(replay.body).toContain('value="Rosa Puig Soler"');
      const fresh = /name="formToken" value="([^"]+)"/.exec(replay.body)![1]!;
      expect(fresh).not.toBe(token);
    }
    expect(await submissions()).toHaveLength(1);
  });

  it('takes a form token once even when it is posted twice at the same moment', async () => {
    const { formToken, postForm, formFields, clock, submissions } = await setUp();
    const token = await formToken();
    clock.advance(5_000);
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        postForm(formFields({ formToken: token }), `198.51.100.${20 + i}`),
      ),
    );
    expect(answers.map((res) => res.statusCode).sort()).toEqual([201, 400, 400, 400]);
    expect(await submissions()).toHaveLength(1);
  });

  it('answers a stream of refused posts 429 after the looser threshold, on either path, never a 5xx', async () => {
    const { postJson, postForm, formFields, fields, solved, submissions } = await setUp();
    const max = HELP_FORM_POST_LIMITS.address.max;
    expect(max).toBeGreaterThan(HELP_FORM_LIMITS.address.max);

    // With JavaScript: proofs that are not there, not valid or forged (400 each) …
    const forged = { ...(await solved()), signature: 'x'.repeat(43) };
    const statuses = new Map<number, number>();
    for (let i = 0; i < max + 15; i++) {
      const res = await postJson(
        i % 3 === 0 ? { ...fields(), proof: forged } : i % 3 === 1 ? { proof: {} } : { proof: 1 },
        { ip: '203.0.113.50' },
      );
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode).toBe(i < max ? 400 : 429);
      if (i === max) {
        expect(res.json().error.code).toMatch(/^public_forms\.throttled/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(Object.fromEntries(statuses)).toEqual({ 400: max, 429: 15 });
    // … and then a right one from that address waits too.
    expect((await postJson(fields(), { ip: '203.0.113.50' })).statusCode).toBe(429);

    // Without JavaScript: tokens that are forged (400 each), then a page in words.
    for (let i = 0; i < max + 5; i++) {
      const res = await postForm(formFields({ formToken: `1.x.${i}` }), '203.0.113.51', 'es');
      expect(res.statusCode).toBe(i < max ? 400 : 429);
      if (i >= max) {
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.body).toContain(html(text('es', 'community_help.page.throttled_title')));
      }
    }
    // Another address is not held back.
    expect((await postJson(fields(), { ip: '203.0.113.52' })).statusCode).toBe(201);
    expect(await submissions()).toHaveLength(1);
  }, 120_000);

  it('gives the addresses of one IPv6 /64 one limit', async () => {
    const { postJson, fields, submissions } = await setUp();
    const max = HELP_FORM_LIMITS.address.max;
    for (let i = 0; i < max; i++) {
      const res = await postJson(fields({ email: '' }), {
        ip: `2001:db8:77:1::${(i + 1).toString(16)}`,
      });
      expect(res.statusCode).toBe(201);
    }
    const sameNetwork = await postJson(fields({ email: '' }), { ip: '2001:db8:77:1:abcd::1' });
    expect(sameNetwork.statusCode).toBe(429);
    const otherNetwork = await postJson(fields({ email: '' }), { ip: '2001:db8:77:2::1' });
    expect(otherNetwork.statusCode).toBe(201);
    expect(await submissions()).toHaveLength(max + 1);
  });

  it('is not there for an entity without an active operator, nor for the support desk', async () => {
    const closed = await setUp({ operator: false });
    const { app, database } = closed;
    await seedDemo(database, TEST_PASSWORD);
    // An operator who left does not count either.
    const gone = await createTestProfessional(database, closed.entity, { roles: ['operator'] });
    await database.tenant(closed.entity.id, (tx) =>
      tx.execute(sql`UPDATE professionals SET active = false WHERE id = ${gone.id}`),
    );
    for (const code of [closed.entity.code, 'support']) {
      for (const lang of LANGUAGES) {
        const page = await app.inject({ method: 'GET', url: `/help/${code}?lang=${lang}` });
        expect(page.statusCode).toBe(404);
        expect(page.body).toContain(html(text(lang, 'community_help.page.not_found_text')));
      }
      const posted = await app.inject({
        method: 'POST',
        url: `/help/${code}?lang=it`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(closed.formFields({ formToken: 'x' })).toString(),
      });
      expect(posted.statusCode).toBe(404);
      expect(posted.body).toContain(html(text('it', 'community_help.page.not_found_text')));
      const json = await app.inject({
        method: 'POST',
        url: `/api/public/help/${code}`,
        headers: { 'accept-language': 'ca' },
        payload: { ...closed.fields(), proof: await closed.solved() },
      });
      expect(json.statusCode).toBe(404);
      expect(json.json().error).toMatchObject({
        code: 'community_help.not_found',
        message: text('ca', 'errors.community_help.not_found'),
      });
    }
    expect(await closed.submissions()).toHaveLength(0);
    // With an operator, the form opens.
    await createTestProfessional(database, closed.entity, { roles: ['operator'] });
    expect((await closed.page()).statusCode).toBe(200);
  }, 120_000);
});

describe('the status page', () => {
  it('shows the state and nothing personal, without a referrer; follows the import', async () => {
    const { postJson, fields, app, entity, database, submissions } = await setUp();
    const res = await postJson(fields());
    const { reference, statusUrl } = res.json() as { reference: string; statusUrl: string };
    const path = new URL(statusUrl).pathname;
    const page = await app.inject({ method: 'GET', url: `${path}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain(reference);
    expect(page.body).toContain('data-state="received"');
    expect(page.body).toContain(html(text('en', 'community_help.page.states.received')));
    for (const personal of [
      'Rosa',
      'Puig',
      '600 111',
      'rosa.puig',
      'Forn',
      'pharmacy',
      'North One',
    ]) {
      expect(page.body).not.toContain(personal);
    }

    // An operator imports it: "in review"; deletes it: "closed".
    const operator = await createTestProfessional(database, entity, {
      roles: ['operator'],
    });
    const [submission] = await submissions();
    await database.tenant(entity.id, async (tx) => {
      const [request] = await rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO help_requests (entity_id, reference, name, phone, address,
            municipality_id, help_type, urgency, description, language, consent_at,
            submitted_at, imported_at, imported_by, updated_at)
          VALUES (${entity.id}, ${reference}, 'Rosa', '600', 'Forn 3', ${entity.municipalities.north1},
            'medicines', 'high', 'Medicines', 'ca', now(), now(), now(), ${operator.id}, now())
          RETURNING id`,
      );
      await tx.execute(sql`UPDATE help_request_submissions
        SET imported_at = now(), help_request_id = ${request!.id}, fields = '{}'::jsonb
        WHERE id = ${submission!.id}`);
    });
    const reviewed = await app.inject({ method: 'GET', url: `${path}?lang=ca` });
    expect(reviewed.body).toContain('data-state="in_review"');
    expect(reviewed.body).toContain(html(text('ca', 'community_help.page.states.in_review')));

    // The emailed link's token (a secret link the worker mints) leads to the same page.
    const mailed = await database.tenant(entity.id, (tx) =>
      mintSecretLink(tx, {
        entityId: entity.id,
        purpose: HELP_STATUS_LINK_PURPOSE,
        subjectId: submission!.id,
        ttlHours: 24,
        now: new Date(),
      }),
    );
    const viaEmail = await app.inject({
      method: 'GET',
      url: `/help/${entity.code}/status/${mailed}`,
    });
    expect(viaEmail.statusCode).toBe(200);
    expect(viaEmail.body).toContain(reference);

    const unknown = await app.inject({
      method: 'GET',
      url: `/help/${entity.code}/status/${'x'.repeat(43)}?lang=en`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain(html(text('en', 'community_help.page.status_not_found')));
  });

  it('is linked from the acknowledgement email, and its token never reaches the request log', () => {
    const template = findTemplate('help_request_received')!;
    for (const language of LANGUAGES) {
      const rendered = template.render({
        data: { reference: 'A-2026-000042' },
        language,
        entityName: 'Consell',
        entityCode: 'demo',
        link: 'https://caliu.example/help/status/abc.DEF_123',
        linkTtlHours: 8760,
      });
      expect(rendered.channel).toBe('email');
      if (rendered.channel !== 'email') continue;
      expect(rendered.subject).toContain('A-2026-000042');
      expect(rendered.text).toContain('https://caliu.example/help/demo/status/abc.DEF_123');
    }
    expect(loggedPath('/help/demo/status/abc.DEF_123?lang=ca')).toBe('/help/demo/status/[token]');
    expect(loggedPath('/help/demo?lang=ca')).toBe('/help/demo');
  });
});
