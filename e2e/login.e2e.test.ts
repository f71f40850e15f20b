import { describe, expect, it } from 'vitest';
import { checkPage, fill, htmlLang, LANGS, submitLogin, TEXTS } from './browser';
import { useBrowserSuite } from './suite';
import type { Lang } from './browser';

const suite = useBrowserSuite();
const { baseUrl } = suite;

/** A different demo user per language, so that no saved preference leaks between tests. */
const USERS: Record<Lang, { username: string; role: keyof (typeof TEXTS)['en']['roles'] }> = {
  ca: { username: 'tech-ssb', role: 'tech_ssb' },
  es: { username: 'tech-siad', role: 'tech_siad' },
  it: { username: 'sad-manager', role: 'tech_sad' },
  en: { username: 'tech-eaia', role: 'tech_eaia' },
};

/** What the sign-in answer says of the user. */
type SignedIn = { givenName: string; entity: { name: string } };

describe('sign-in', () => {
  it.each(LANGS)('signs in and shows the console in %s', async (lang) => {
    const text = TEXTS[lang];
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
    try {
      await page.goto('/');
      // Not signed in: the console sends the user to the sign-in page, in the browser's language.
      await page.waitForURL('**/login');
      expect(await htmlLang(page)).toBe(lang);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(text.auth.title);
      await page.getByLabel(text.auth.fields.username).waitFor();
      expect(await page.title()).toBe(`${text.auth.title} · Caliu`);
      await checkPage(page, `login-${lang}`);

      const loginAnswer = page.waitForResponse('**/api/auth/login');
      await submitLogin(page, { username: USERS[lang].username });
      const me = (await (await loginAnswer).json()) as SignedIn;

      const heading = page.getByRole('heading', { level: 1 });
      await expect
        .poll(() => heading.textContent())
        .toBe(fill(text.home.greeting, { name: me.givenName }));
      expect(page.url()).toBe(`${baseUrl}/`);
      expect(await htmlLang(page)).toBe(lang);
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain(
        fill(text.home.entity, { entity: me.entity.name }),
      );
      expect(await main.locator('.role-list').getByRole('listitem').allTextContents()).toEqual([
        text.roles[USERS[lang].role],
      ]);
      const nav = page.getByRole('navigation', { name: text.nav.label });
      expect(await nav.textContent()).toContain(me.entity.name);
      expect(await nav.getByRole('button', { name: text.auth.signOut }).isVisible()).toBe(true);
      expect(await nav.getByRole('button', { name: text.support.button }).isVisible()).toBe(true);
      await checkPage(page, `home-${lang}`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells the user to check the name of the entity when it is unknown', async () => {
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await page.goto('/login');
      const answer = page.waitForResponse('**/api/auth/login');
      await submitLogin(page, { entity: 'no-such-council', username: 'tech-ssb' });
      const body = (await (await answer).json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('auth.unknown_entity');

      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(body.error.message);
      expect(body.error.message).toMatch(/nom de la vostra entitat/i);
      // The alert takes the focus, so that a screen reader reads it at once.
      expect(await alert.evaluate((element) => element === document.activeElement)).toBe(true);
      await checkPage(page, 'login-unknown-entity');
    } finally {
      await context.close();
    }
  });

  it('shows the server message in the language chosen on the sign-in page', async () => {
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await page.goto('/login');
      await page.getByLabel(TEXTS.ca.language.label).selectOption('en');
      await page.getByRole('heading', { name: TEXTS.en.auth.title, level: 1 }).waitFor();
      expect(await htmlLang(page)).toBe('en');

      await submitLogin(page, { entity: 'no-such-council', username: 'tech-ssb' });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/check the name of your entity/i);

      // The choice is kept for the next visit.
      await page.reload();
      await page.getByRole('heading', { name: TEXTS.en.auth.title, level: 1 }).waitFor();
      expect(await htmlLang(page)).toBe('en');
    } finally {
      await context.close();
    }
  });

  it('shows each field error next to its field', async () => {
    const text = TEXTS.es;
    const { context, page } = await suite.open({ baseUrl, locale: 'es-ES' });
    try {
      await page.goto('/login');
      await page.getByRole('button', { name: text.auth.submit }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      for (const field of ['entityCodeOrName', 'username', 'password'] as const) {
        const input = page.getByLabel(text.auth.fields[field], { exact: true });
        await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
        const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
        const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
        expect(errorId, field).toBeTruthy();
        expect(await page.locator(`[id="${errorId}"]`).textContent()).not.toBe('');
      }
      await checkPage(page, 'login-validation');
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with the translated message', async () => {
    const { context, page } = await suite.open({ baseUrl, locale: 'it-IT' });
    try {
      await page.goto('/login');
      await submitLogin(page, { username: 'tech-ssb', password: 'not-the-password' });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/password/i);
      expect(await htmlLang(page)).toBe('it');
      expect(page.url()).toBe(`${baseUrl}/login`);
    } finally {
      await context.close();
    }
  });
});
