import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MailboxMessage, MailboxSummary } from '@caliu/common';
import { checkPage, expectAccessible, expectHeading, fill, screenshot, TEXTS } from './browser';
import { REPO_ROOT } from './harness';
import { apiLogin, DEMO_DOMAIN, expectStatus } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The community help form (issue 22) on the demo entity, from the citizen to the operator, as
 * its "Done means" reads: a citizen submits the form at `/help/demo` with JavaScript off (plain
 * HTML, a signed form token) and on (the proof of work, no reload); the demo operator gets one
 * email for both (the server's own watcher and outbox worker, into the demo mailbox); the
 * operator imports them, sees the first with the person record already known suggested, and
 * deletes the second, a bogus one, with a reason. The tests run in order and share the two
 * references.
 *
 * A server of its own: the form token may be sent at once (the refusal of a too young token is
 * the server tests'), the proof of work is easy, so the test waits on neither; and a period of
 * 30 minutes between the operators' emails, so both submissions fall in the first one however
 * slow the machine (the watcher looks every 30 seconds: the first email comes within that).
 */
const suite = useBrowserSuite({
  ownServer: async () => ({
    env: {
      CALIU_HELP_FORM_MIN_SECONDS: '0',
      CALIU_POW_DIFFICULTY: '10',
      HELP_INTAKE_NOTIFY_MINUTES: '30',
    },
    ownDatabase: true,
  }),
});

/** The citizen known to social services: recorded with her phone before she asks for help. */
const KNOWN = { givenName: 'Joana', firstSurname: 'Serra', secondSurname: 'Vidal' };
const KNOWN_PHONE = '600123456';
/** The two submissions' references, from the citizen's confirmation pages. */
const references: { real?: string; bogus?: string } = {};
let knownPersonId = '';

beforeAll(async () => {
  const technician = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
  const places = expectStatus(
    await technician.call<{ items: { id: string; name: string }[] }>('GET', '/api/municipalities'),
    200,
    'list municipalities',
  );
  const municipality = places.items.find((m) => m.name === 'Santa Coloma del Riu')!;
  knownPersonId = expectStatus(
    await technician.call<{ id: string }>('POST', '/api/persons', {
      ...KNOWN,
      mobilePhone: KNOWN_PHONE,
      municipalityId: municipality.id,
    }),
    201,
    'record the known person',
  ).id;
});

type Texts = {
  community_help: {
    page: Record<string, string> & {
      help_types: Record<string, string>;
      urgencies: Record<string, string>;
      states: Record<string, string>;
    };
    errors: Record<string, string>;
  };
};
function texts(language: 'ca' | 'en'): Texts['community_help'] {
  const file = join(REPO_ROOT, `server/src/locales/${language}/community-help.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as Texts).community_help;
}

async function fillForm(page: Page, t: Texts['community_help'], name: string) {
  const p = t.page;
  await page.getByLabel(p.name!, { exact: false }).first().fill(name);
  await page.getByLabel(p.phone!, { exact: true }).fill('600 123 456');
  await page.getByLabel(p.address!).fill('Carrer Major 12, 1r');
  await page.getByLabel(p.municipality!).selectOption({ label: 'Santa Coloma del Riu' });
  await page.getByRole('radio', { name: p.help_types.shopping! }).check();
  await page.getByRole('radio', { name: p.urgencies.medium! }).check();
  await page.getByLabel(p.description!).fill('Compra setmanal: no puc sortir de casa.');
  await page.getByRole('checkbox', { name: p.consent! }).check();
}

/**
 * The screenshot of a page without JavaScript, and its accessibility scan: axe runs as a script,
 * so it scans the very markup that page received, loaded in a page of the same origin with
 * scripts on (the form's script changes nothing before a post).
 */
async function checkPageWithoutScripts(page: Page, name: string) {
  await screenshot(page, name);
  const markup = await page.content();
  const { page: scanned, context } = await suite.open();
  try {
    await scanned.goto(new URL(page.url()).pathname.replace(/\/status\/.*$/, ''));
    await scanned.setContent(markup);
    await expectAccessible(scanned, name);
  } finally {
    await context.close();
  }
}

describe('the community help form in a browser', () => {
  it('works with JavaScript off: errors beside the fields, then the reference and the status page', async () => {
    const t = texts('ca');
    const context = await suite.browser.newContext({
      baseURL: suite.baseUrl,
      javaScriptEnabled: false,
      locale: 'ca-ES',
    });
    const page = await context.newPage();
    try {
      const response = await page.goto('/help/demo');
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('ca');
      expect(response?.headers()['set-cookie']).toBeUndefined();
      await page.getByRole('heading', { level: 1, name: t.page.title }).waitFor();
      await checkPageWithoutScripts(page, 'help-form-nojs');

      // Sent empty: the summary links to each field, each error is beside its field.
      await page.getByRole('button', { name: t.page.submit }).click();
      await page.getByRole('heading', { name: t.page.errors_title }).waitFor();
      const name = page.locator('#f-name');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#f-name-error').textContent()).toBe(t.errors.required);
      expect(await page.locator('#f-consent-error').textContent()).toBe(t.errors.consent_required);
      expect(await page.locator('#error-summary a[href="#f-name"]').count()).toBe(1);
      await checkPageWithoutScripts(page, 'help-form-nojs-errors');

      await fillForm(page, t, 'Joana Serra Vidal');
      await page.getByRole('button', { name: t.page.submit }).click();
      await page.getByRole('heading', { level: 1, name: t.page.success_title }).waitFor();
      const reference = await page.locator('.reference').textContent();
      expect(reference).toMatch(/^A-\d{4}-\d{6}$/);
      references.real = reference!;
      await checkPageWithoutScripts(page, 'help-form-nojs-sent');

      await page.locator('.status-link a').click();
      await page.getByRole('heading', { level: 1, name: t.page.status_title }).waitFor();
      expect(await page.locator('#help-state').textContent()).toBe(t.page.states.received);
      expect(await page.content()).not.toContain('Joana');
      await checkPageWithoutScripts(page, 'help-form-status');
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript on: the proof of work, errors beside the fields, the reference', async () => {
    const t = texts('en');
    const { page, context, pageErrors } = await suite.open();
    try {
      await page.goto('/help/demo?lang=en');
      await page.getByRole('heading', { level: 1, name: t.page.title }).waitFor();
      await checkPage(page, 'help-form-js');

      // An error is shown beside its field without a reload.
      await fillForm(page, t, 'Pere Costa Mir');
      await page.getByLabel(t.page.name!).first().fill('');
      const refused = page.waitForResponse((r) => r.url().includes('/api/public/help/demo'));
      await page.getByRole('button', { name: t.page.submit }).click();
      expect((await refused).status()).toBe(400);
      await page.locator('#f-name-error').waitFor();
      expect(await page.locator('#f-name-error').textContent()).toBe(t.errors.required);
      expect(await page.locator('#f-name').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#f-name').getAttribute('aria-describedby')).toContain(
        'f-name-error',
      );
      await checkPage(page, 'help-form-js-errors');

      await page.getByLabel(t.page.name!).first().fill('Pere Costa Mir');
      const sent = page.waitForResponse((r) => r.url().includes('/api/public/help/demo'));
      await page.getByRole('button', { name: t.page.submit }).click();
      expect((await sent).status()).toBe(201);
      await page.getByRole('heading', { level: 1, name: t.page.success_title }).waitFor();
      const reference = await page.locator('.reference').textContent();
      expect(reference).toMatch(/^A-\d{4}-\d{6}$/);
      references.bogus = reference!;
      // Still the same page (no reload): the script put the reference in place of the form.
      expect(page.url()).toContain('/help/demo?lang=en');
      await checkPage(page, 'help-form-js-sent');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('the demo operator gets one email, imports both, sees the known person suggested, deletes the bogus one', async () => {
    const { real, bogus } = references;
    expect(real, 'the form without JavaScript gave a reference').toMatch(/^A-\d{4}-\d{6}$/);
    expect(bogus, 'the form with JavaScript gave a reference').toMatch(/^A-\d{4}-\d{6}$/);

    // One email to the operators for both submissions, in the demo mailbox (the administrator
    // reads it). The watcher looks every 30 seconds.
    const administrator = await apiLogin(suite.baseUrl, { username: 'administrator' });
    const notices = async () =>
      expectStatus(
        await administrator.call<{ items: MailboxSummary[] }>('GET', '/api/mailbox?limit=200'),
        200,
        'read the mailbox',
      ).items.filter((m) => m.template === 'help_requests_waiting');
    await expect.poll(async () => (await notices()).length, { timeout: 90_000 }).toBeGreaterThan(0);
    const sent = await notices();
    expect(sent.map((m) => m.to)).toEqual([`operator@${DEMO_DOMAIN}`]);
    const email = expectStatus(
      await administrator.call<MailboxMessage>('GET', `/api/mailbox/${sent[0]!.id}`),
      200,
      'open the email',
    );
    // A count and a link, no one named.
    expect(email.text).toContain('/help-requests');
    for (const personal of ['Joana', 'Pere', '600', 'Carrer Major'])
      expect(email.text).not.toContain(personal);

    const text = TEXTS.ca;
    const knownName = `${KNOWN.givenName} ${KNOWN.firstSurname} ${KNOWN.secondSurname}`;
    const { context, page, pageErrors } = await suite.openAs(
      { username: 'operator' },
      { locale: 'ca', path: '/help-requests' },
    );
    try {
      await expectHeading(page, text.communityHelp.title);
      await page.getByRole('button', { name: text.communityHelp.import }).click();
      const notice = page.getByRole('status');
      await expect
        .poll(() => notice.textContent())
        .toBe(fill(text.communityHelp.imported_other, { count: '2' }));

      // In the table: the citizen's request with one person record suggested (the same phone
      // and a similar name), the bogus one (the same phone, another name) with none.
      const suggestedOne = fill(text.communityHelp.suggestedPersons_one, { count: '1' });
      const rowOf = (reference: string) => page.getByRole('row').filter({ hasText: reference });
      await rowOf(real!).getByText(suggestedOne).waitFor();
      expect(await rowOf(bogus!).getByText(suggestedOne).count()).toBe(0);
      await checkPage(page, 'help-requests-imported-ca');

      // The citizen's request, with the person record social services already had suggested.
      await page.getByRole('link', { name: real! }).click();
      await expectHeading(page, fill(text.communityHelp.request.title, { reference: real! }));
      const suggestions = page.getByRole('list', { name: text.communityHelp.person.suggestions });
      await suggestions.waitFor();
      const suggested = suggestions.getByRole('listitem').filter({ hasText: knownName });
      expect(await suggested.getByRole('link', { name: knownName }).getAttribute('href')).toBe(
        `/persons/${knownPersonId}`,
      );
      await expect
        .poll(() => suggested.textContent())
        .toContain(text.communityHelp.person.samePhone);
      await checkPage(page, 'help-request-from-form-ca');

      // The bogus one: deleted with a reason, and out of the working list.
      await page.getByRole('link', { name: text.communityHelp.request.back }).click();
      await expectHeading(page, text.communityHelp.title);
      await page.getByRole('link', { name: bogus! }).click();
      await expectHeading(page, fill(text.communityHelp.request.title, { reference: bogus! }));
      await page.getByRole('button', { name: text.communityHelp.delete.button }).click();
      const dialog = page.getByRole('dialog', { name: text.communityHelp.delete.title });
      await dialog.getByLabel(text.communityHelp.delete.reason).fill('Sol·licitud de prova');
      await dialog.getByRole('button', { name: text.communityHelp.delete.proceed }).click();
      await page.getByText(text.communityHelp.delete.done).waitFor();
      await page.getByRole('link', { name: text.communityHelp.request.back }).click();
      await page.getByRole('link', { name: real! }).waitFor();
      await expect.poll(() => page.getByRole('link', { name: bogus! }).count()).toBe(0);

      // Still the one email: both submissions were announced together.
      expect((await notices()).length).toBe(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
