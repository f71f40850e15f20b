import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, expectAccessible, screenshot } from './browser';
import { REPO_ROOT } from './harness';
import { useBrowserSuite } from './suite';

/**
 * The community help form (issue 22), as a citizen uses it on the demo entity's page
 * (`/help/demo`): with JavaScript off (plain HTML, a signed form token) and on (the proof of work,
 * no reload). A server of its own: the form token may be sent at once (the refusal of a too
 * young token is the server tests'), and the proof of work is easy, so the test waits on neither.
 */
const suite = useBrowserSuite({
  ownServer: async () => ({
    env: { CALIU_HELP_FORM_MIN_SECONDS: '0', CALIU_POW_DIFFICULTY: '10' },
    ownDatabase: true,
  }),
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
      expect(await page.locator('.reference').textContent()).toMatch(/^A-\d{4}-\d{6}$/);
      // Still the same page (no reload): the script put the reference in place of the form.
      expect(page.url()).toContain('/help/demo?lang=en');
      await checkPage(page, 'help-form-js-sent');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
