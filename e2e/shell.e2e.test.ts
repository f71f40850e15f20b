import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_TICKET } from '../server/src/demo/fixtures';
import { checkPage, focusedElement, htmlLang, LANGS, signIn, TEXTS } from './browser';
import { useBrowserSuite } from './suite';

const suite = useBrowserSuite();
const { baseUrl } = suite;

async function expectHeading(page: Page, text: string) {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text);
}

describe('navigation bar', () => {
  it('switches the language everywhere and remembers it for the user', async () => {
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'coordinator' });
      const nav = page.getByRole('navigation', { name: TEXTS.ca.nav.label });
      expect(await nav.getByRole('button', { name: TEXTS.ca.auth.signOut }).isVisible()).toBe(true);

      const saved = page.waitForResponse(
        (response) =>
          response.url().endsWith('/api/me/preferences') && response.request().method() === 'PUT',
      );
      await page.getByLabel(TEXTS.ca.language.label).selectOption('it');
      expect((await saved).status()).toBe(204);

      // Everything re-renders in Italian: the bar, the page, the roles, the document language.
      const navIt = page.getByRole('navigation', { name: TEXTS.it.nav.label });
      await navIt.getByRole('button', { name: TEXTS.it.auth.signOut }).waitFor();
      expect(await htmlLang(page)).toBe('it');
      expect(await page.getByRole('main').textContent()).toContain(TEXTS.it.roles.coordinator);
      expect(await page.title()).toBe(`${TEXTS.it.home.title} · Caliu`);

      await page.reload();
      await navIt.getByRole('button', { name: TEXTS.it.auth.signOut }).waitFor();
      expect(await htmlLang(page)).toBe('it');

      // Saved for the user, not only in this browser: it survives clearing local storage.
      await page.evaluate(() => window.localStorage.clear());
      await page.reload();
      await navIt.getByRole('button', { name: TEXTS.it.auth.signOut }).waitFor();
      expect(await htmlLang(page)).toBe('it');
      expect(pageErrors).toEqual([]);
    } finally {
      // The demo server is shared by every browser test: give the coordinator back "no choice".
      await page.evaluate(async () => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        await fetch('/api/me/preferences', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ language: null }),
        });
      });
      await context.close();
    }
  });

  it('opens the support panel from the keyboard, and Escape gives the focus back', async () => {
    const text = TEXTS.en;
    const { context, page } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'tech-admin' });
      const button = page.getByRole('button', { name: text.support.button });

      // The support button is the last control at the right end of the bar.
      const lastInBar = await page
        .locator('header.topbar')
        .evaluate((bar) => [...bar.querySelectorAll('a, button, select')].at(-1)?.outerHTML);
      expect(lastInBar).toContain(`aria-label="${text.support.button}"`);

      await button.focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('dialog', { name: text.support.title });
      await panel.waitFor();
      await panel.getByText(text.support.empty).waitFor();
      expect((await focusedElement(page)).inDialog).toBe(true);

      // Tab and Shift+Tab stay inside the panel.
      for (let i = 0; i < 4; i += 1) {
        await page.keyboard.press('Tab');
        expect((await focusedElement(page)).inDialog).toBe(true);
      }
      for (let i = 0; i < 4; i += 1) {
        await page.keyboard.press('Shift+Tab');
        expect((await focusedElement(page)).inDialog).toBe(true);
      }
      await checkPage(page, 'support-panel-en');

      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      expect((await focusedElement(page)).label).toBe(text.support.button);

      // The close button closes it too.
      await page.keyboard.press('Enter');
      await panel.waitFor();
      await panel.getByRole('button', { name: text.common.close }).click();
      await panel.waitFor({ state: 'hidden' });
      expect((await focusedElement(page)).label).toBe(text.support.button);
    } finally {
      await context.close();
    }
  });

  it("lists the user's tickets with translated status and the entity's time", async () => {
    // The demo data holds one ticket of tech-ssb, opened at 00:30 on 2 March in Madrid.
    const text = TEXTS.es;
    const createdAt = DEMO_TICKET.createdAt;
    const { context, page } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await page.getByRole('button', { name: text.support.button }).click();
      const panel = page.getByRole('dialog', { name: text.support.title });
      const ticket = panel.getByRole('listitem');
      await ticket.waitFor();
      const content = (await ticket.textContent()) ?? '';
      expect(content).toContain(DEMO_TICKET.number);
      expect(content).toContain(DEMO_TICKET.subject);
      expect(content).toContain(text.support.statuses.waiting_requester);
      // The entity's time zone (Europe/Madrid: already 2 March), not the browser's (New York).
      const expected = await page.evaluate(
        (iso) =>
          new Intl.DateTimeFormat('es', {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: 'Europe/Madrid',
          }).format(new Date(iso)),
        createdAt,
      );
      expect(content).toContain(expected);
      await checkPage(page, 'support-panel-tickets-es');
    } finally {
      await context.close();
    }
  });

  it('offers a skip link to the main content', async () => {
    const text = TEXTS.es;
    const { context, page } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { username: 'aux-admin' });
      await page.keyboard.press('Tab');
      const focused = await focusedElement(page);
      expect(focused.text).toBe(text.common.skipToContent);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    } finally {
      await context.close();
    }
  });

  it('signs out back to the sign-in page', async () => {
    const text = TEXTS.es;
    const { context, page } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { username: 'administrator' });
      await page.getByRole('button', { name: text.auth.signOut }).click();
      await page.waitForURL('**/login');
      await page.getByText(text.auth.notices.signedOut).waitFor();
      await checkPage(page, 'login-signed-out');

      // The session is gone on the server too.
      await page.goto('/');
      await page.waitForURL('**/login');
      const me = await page.evaluate(async () => (await fetch('/api/me')).status);
      expect(me).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('shows a not-found page for an unknown address', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'operator' });
      await page.goto('/no-such-page');
      await expectHeading(page, text.notFound.title);
      await checkPage(page, 'not-found-ca');
      await page.getByRole('link', { name: text.notFound.home }).click();
      await page.waitForURL(`${baseUrl}/`);
    } finally {
      await context.close();
    }
  });

  it('shows the support agent its role', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { entity: 'support', username: 'support' });
      expect(
        await page.getByRole('main').locator('.role-list').getByRole('listitem').allTextContents(),
      ).toEqual([text.roles.support_agent]);
      await checkPage(page, 'home-support-agent');
    } finally {
      await context.close();
    }
  });

  it.each(LANGS)('fits a tablet held upright (768 px) in %s', async (lang) => {
    const { context, page } = await suite.open({
      baseUrl,
      locale: lang,
      viewport: { width: 768, height: 1024 },
    });
    try {
      await signIn(page, { username: 'head-of-operations' });
      const bar = page.locator('header.topbar');
      const overflow = await bar.evaluate((header) => {
        const nav = header.querySelector('nav');
        const right = Math.max(
          ...[...header.querySelectorAll('a, button, select, span')].map(
            (element) => element.getBoundingClientRect().right,
          ),
        );
        return {
          barScroll: header.scrollWidth - header.clientWidth,
          navScroll: nav ? nav.scrollWidth - nav.clientWidth : 0,
          pageScroll: document.documentElement.scrollWidth - window.innerWidth,
          rightmost: right,
        };
      });
      expect(overflow.barScroll).toBeLessThanOrEqual(0);
      expect(overflow.navScroll).toBeLessThanOrEqual(0);
      expect(overflow.pageScroll).toBeLessThanOrEqual(0);
      expect(overflow.rightmost).toBeLessThanOrEqual(768);
      const box = await page
        .getByRole('button', { name: TEXTS[lang].support.button })
        .boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(768);
      await checkPage(page, `home-tablet-${lang}`);
    } finally {
      await context.close();
    }
  });
});
