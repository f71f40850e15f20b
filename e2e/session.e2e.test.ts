import { describe, expect, it } from 'vitest';
import { checkPage, signIn, signInThroughForm, TEXTS } from './browser';
import { useBrowserSuite } from './suite';

const suite = useBrowserSuite();
const { baseUrl } = suite;

// Sessions end after 30 minutes idle; the console warns 3 minutes before.
describe('session expiry', () => {
  it('warns before the idle expiry, extends on request, and ends the session on time', async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      // The page's clock is ours to move; the server keeps real time (the console corrects
      // for the difference with the Date header).
      await page.clock.install();
      await signIn(page, { username: 'tech-immigration' });
      const warning = page.getByRole('dialog', { name: text.session.warningTitle });

      await page.clock.fastForward('26:00');
      expect(await warning.isVisible()).toBe(false);

      await page.clock.fastForward('01:30');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/[12]:\d\d/);
      await checkPage(page, 'session-warning-en');

      const keptAlive = page.waitForResponse('**/api/auth/keep-alive');
      await warning.getByRole('button', { name: text.session.stay }).click();
      expect((await keptAlive).status()).toBe(200);
      await warning.waitFor({ state: 'hidden' });

      // A fresh half hour from now: warned again 27 minutes later, signed out 3 minutes after.
      await page.clock.fastForward('27:30');
      await warning.waitFor();
      await page.clock.fastForward('03:00');
      await page.waitForURL('**/login');
      await page.getByText(text.auth.notices.expired).waitFor();
      await checkPage(page, 'login-session-expired-en');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('goes back to the sign-in page when the API answers 401', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      // Through the form, as the person did, naming the entity as people know it (no accents,
      // any capitals) instead of by its code: the form remembers it for the next sign-in.
      await signInThroughForm(page, {
        entity: 'CONSELL comarcal de demostracio',
        username: 'tech-ssb',
      });
      // The session disappears (revoked, or expired on the server) while the page is open.
      await context.clearCookies();
      await page.getByRole('button', { name: text.support.button }).click();
      await page.waitForURL('**/login');
      await page.getByText(text.auth.notices.expired).waitFor();

      // Signing in again returns to the console.
      await page.locator('input[name="username"]').fill('tech-ssb');
      await page.locator('input[name="password"]').fill('caliu-demo');
      await page.getByRole('button', { name: text.auth.submit }).click();
      await page.locator('header.topbar').waitFor();
    } finally {
      await context.close();
    }
  });
});
