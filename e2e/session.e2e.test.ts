import { describe, expect, it } from 'vitest';
import {
  checkPage,
  expectHeading,
  signIn,
  signInThroughForm,
  storedDrafts,
  TEXTS,
  watchRequests,
} from './browser';
import { uniqueWord } from './persons-pages';
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
      const requests = watchRequests(page);
      await signIn(page, { username: 'tech-immigration' });
      // The home page's requests answered first: an answer arriving after the page's clock moved
      // would read as the server's clock being half an hour behind (its Date header) and push
      // the warning back by as much.
      await requests.settled();
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

  it('counts typing as activity, and gives a half-filled form back after the session expires', async () => {
    const text = TEXTS.ca;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    const surname = uniqueWord();
    const givenName = page.getByRole('textbox', {
      name: text.persons.fields.givenName,
      exact: true,
    });
    const firstSurname = page.getByRole('textbox', {
      name: text.persons.fields.firstSurname,
      exact: true,
    });
    const warning = page.getByRole('dialog', { name: text.session.warningTitle });
    try {
      await page.clock.install();
      const requests = watchRequests(page);
      await signIn(page, { username: 'tech-ssb' }, '/persons/new');
      await expectHeading(page, text.persons.new.title);
      // As above: no answer on its way when the clock moves.
      await requests.settled();

      // Twenty minutes reading the interview notes, then typing: the typing keeps the session
      // alive, so 27 minutes after signing in (7 after typing) there is no warning.
      await page.clock.fastForward('20:00');
      const keptAlive = page.waitForResponse('**/api/auth/keep-alive');
      await givenName.pressSequentially('Expirina');
      expect((await keptAlive).status()).toBe(200);
      await firstSurname.fill(surname);
      await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
      await page.clock.fastForward('07:30');
      expect(await warning.isVisible()).toBe(false);

      // Then nobody touches the computer: warned, and the session ends half an hour after the
      // last keystroke. The browser keeps the form only as ciphertext.
      await page.clock.fastForward('20:00');
      await warning.waitFor();
      await page.clock.fastForward('03:00');
      await page.waitForURL('**/login');
      await page.getByText(text.auth.notices.expired).waitFor();
      const [stored] = await storedDrafts(page);
      expect(stored).toBeDefined();
      expect(stored).not.toContain('Expirina');
      expect(stored).not.toContain(surname);

      // Signing in again leads back to the form, which offers what was typed.
      await page.locator('input[name="entity"]').fill('demo');
      await page.locator('input[name="username"]').fill('tech-ssb');
      await page.locator('input[name="password"]').fill('caliu-demo');
      await page.getByRole('button', { name: text.auth.submit }).click();
      await expectHeading(page, text.persons.new.title);
      const offer = page.getByRole('status').filter({ hasText: text.drafts.offerTitle });
      await offer.getByRole('button', { name: text.drafts.restore }).click();
      expect(await givenName.inputValue()).toBe('Expirina');
      expect(await firstSurname.inputValue()).toBe(surname);
      await checkPage(page, 'session-expired-draft-restored-ca');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('goes back to the sign-in page when the API answers 401', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    const requests = watchRequests(page);
    try {
      // Through the form, as the person did, naming the entity as people know it (no accents,
      // any capitals) instead of by its code: the form remembers it for the next sign-in.
      await signInThroughForm(page, {
        entity: 'CONSELL comarcal de demostracio',
        username: 'tech-ssb',
      });
      // The home page's requests answered first: one still on its way when the cookie goes would
      // race the click below (answered 200 or 401 in either order, the test would read chance).
      await requests.settled();
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
