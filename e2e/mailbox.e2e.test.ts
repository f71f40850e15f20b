import { request } from 'playwright-core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN, DEMO_ENTITY_CODE } from '../server/src/demo/fixtures';
import serverEn from '../server/src/locales/en/messaging.json';
import serverIt from '../server/src/locales/it/messaging.json';
import { checkPage, expectHeading, fill, pageOverflowsSideways, signIn, TEXTS } from './browser';
import { useBrowserSuite } from './suite';
import type { Lang } from './browser';

/**
 * The demo mailbox ("sent mail"). A real message reaches the mailbox through the public
 * forgotten-password request for a demo professional (it sends a reset link; it does not change
 * the password), delivered by the server's own outbox worker. The mailbox of a server outside
 * demo mode (which needs a real mail server to start) is tested with the API's answers played
 * back in the browser (page.route). The failed messages have their own file.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

const RESET_EMAIL = `tech-eaia@${DEMO_DOMAIN}`;
const MADRID = 'Europe/Madrid';
/** What the email's frame may do: open links in a new tab, and nothing else (no scripts). */
const FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';
/**
 * axe cannot run inside the email's frame (it runs no scripts), so the scans of a message leave
 * the frame out. The email itself is the server's template (platform/messaging/render.ts).
 */
const WITHOUT_EMAIL = { exclude: ['iframe.mail-frame'] };
/** The reset link, in the email's HTML or text part. */
const RESET_LINK = 'a[href*="/reset-password#token="]';

type MailboxItem = {
  id: string;
  entity: { id: string; code: string; name: string };
  channel: 'email' | 'sms';
  template: string;
  to: string;
  subject: string | null;
  createdAt: string;
};

beforeAll(async () => {
  // Anyone may ask for a password reset: no session, as on the sign-in page.
  const api = await request.newContext({ baseURL: baseUrl });
  try {
    const answer = await api.post('/api/auth/password-reset-requests', {
      data: { entity: DEMO_ENTITY_CODE, email: RESET_EMAIL },
    });
    expect(answer.status()).toBe(202);
  } finally {
    await api.dispose();
  }
});

/** The mailbox as the signed-in user's API sees it (first page). */
async function mailboxItems(page: Page): Promise<MailboxItem[]> {
  return page.evaluate(async () => {
    const response = await fetch('/api/mailbox?limit=50');
    if (!response.ok) return [];
    return ((await response.json()) as { items: MailboxItem[] }).items;
  });
}

/** Waits (up to 15 s) for the outbox worker to deliver the reset email into the demo mailbox. */
async function waitForResetEmail(page: Page): Promise<MailboxItem> {
  let found: MailboxItem | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailboxItems(page)).find(
          (item) => item.template === 'password_reset' && item.to === RESET_EMAIL,
        );
        return Boolean(found);
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true);
  return found!;
}

/** Opens the mailbox from the section bar and waits for its table. */
async function openMailbox(page: Page, lang: Lang): Promise<void> {
  await openMailboxPage(page, lang);
  await page.locator('table.mailbox-table tbody tr').first().waitFor();
}

/** Opens the mailbox from the section bar. */
async function openMailboxPage(page: Page, lang: Lang): Promise<void> {
  const text = TEXTS[lang];
  const sections = page.getByRole('navigation', { name: text.navigation.label });
  const link = sections.getByRole('link', { name: text.navigation.sections.mailbox });
  await link.click();
  await page.waitForURL('**/mailbox');
  await expectHeading(page, text.messaging.mailbox.title);
  expect(await link.getAttribute('aria-current')).toBe('page');
  expect(await page.title()).toBe(`${text.messaging.mailbox.title} · Caliu`);
}

/** The demo banner, found by its title. */
async function expectBanner(page: Page, lang: Lang): Promise<void> {
  const banner = page.getByRole('note', { name: TEXTS[lang].messaging.demoBanner.title });
  await banner.waitFor();
  expect(await banner.textContent()).toContain(TEXTS[lang].messaging.demoBanner.body);
}

function row(page: Page, mail: MailboxItem) {
  return page
    .locator('table.mailbox-table tbody tr')
    .filter({ hasText: mail.to })
    .filter({
      has: page.getByRole('link', { name: mail.subject ?? '', exact: true }),
    });
}

/** Opens a message from its link in the list and waits for its view. */
async function openMessage(page: Page, lang: Lang, mail: MailboxItem): Promise<void> {
  await row(page, mail)
    .first()
    .getByRole('link', { name: mail.subject ?? '' })
    .click();
  await page.waitForURL(`**/mailbox/${mail.id}`);
  await expectHeading(page, mail.subject ?? '');
  await page.getByRole('tab', { name: TEXTS[lang].messaging.message.html }).waitFor();
  // The email is drawn once its frame has loaded. Chromium paints a frame of another origin only
  // once it has been on screen, so the screenshots need it scrolled to once.
  await page.frameLocator('iframe.mail-frame').locator(RESET_LINK).first().waitFor();
  await page.locator('iframe.mail-frame').scrollIntoViewIfNeeded();
}

describe('the demo mailbox', () => {
  it("shows the administrator the entity's mail, each email rendered in a sandbox", async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'administrator' });
      const mail = await waitForResetEmail(page);
      expect(mail.entity.code).toBe(DEMO_ENTITY_CODE);
      expect(mail.subject).toBeTruthy();
      await openMailbox(page, 'en');
      await expectBanner(page, 'en');

      // The reset email is listed: recipient, subject, channel, kind, language, time.
      const listed = row(page, mail).first();
      const cells = await listed.locator('td').allTextContents();
      const expectedTime = await page.evaluate(
        ([iso, timeZone]) =>
          new Intl.DateTimeFormat('en', {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone,
          }).format(new Date(iso!)),
        [mail.createdAt, MADRID],
      );
      expect(cells[0]).toBe(RESET_EMAIL);
      expect(cells[1]).toBe(mail.subject);
      expect(cells[2]).toBe(text.messaging.channels.email);
      expect(cells[3]).toBe(text.messaging.templates.password_reset);
      // Times are the entity's (Europe/Madrid), not the browser's (New York).
      expect(cells[5]).toBe(expectedTime);
      // No entity column: an administrator sees only their own entity's mail.
      expect(
        await page.getByRole('columnheader', { name: text.messaging.mailbox.table.entity }).count(),
      ).toBe(0);
      await checkPage(page, 'mailbox-en');

      await openMessage(page, 'en', mail);
      // The message has an address of its own: it opens again after a reload.
      await page.reload();
      await expectHeading(page, mail.subject!);
      expect(await page.title()).toBe(`${mail.subject} · Caliu`);
      await expectBanner(page, 'en');
      const headers = page.locator('.mail-headers');
      expect(await headers.textContent()).toContain(RESET_EMAIL);
      for (const label of [
        text.messaging.message.from,
        text.messaging.message.to,
        text.messaging.message.subject,
        text.messaging.message.messageId,
      ]) {
        await headers.locator('dt', { hasText: label }).first().waitFor();
      }
      const messageId = await headers
        .locator('dt', { hasText: text.messaging.message.messageId })
        .locator('xpath=following-sibling::dd')
        .textContent();
      expect(messageId).toMatch(/^<.+@.+>$/);

      // The HTML part: a frame without scripts nor same origin, whose links open a new tab.
      const frameElement = page.getByTitle(
        fill(text.messaging.message.frameTitle, { subject: mail.subject! }),
      );
      expect(await frameElement.getAttribute('sandbox')).toBe(FRAME_SANDBOX);
      const frame = page.frameLocator('iframe.mail-frame');
      const resetLink = frame.locator(RESET_LINK).first();
      await resetLink.waitFor();
      expect(await frame.locator('base').getAttribute('target')).toBe('_blank');
      const [popup] = await Promise.all([context.waitForEvent('page'), resetLink.click()]);
      expect(popup.url()).toContain('/reset-password#token=');
      await popup.close();
      await checkPage(page, 'mailbox-message-en', WITHOUT_EMAIL);

      // The plain-text part, as the other tab (reached with the arrow key); its link is a link.
      await page.getByRole('tab', { name: text.messaging.message.html }).focus();
      await page.keyboard.press('ArrowRight');
      const textTab = page.getByRole('tab', { name: text.messaging.message.text });
      expect(await textTab.getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
      const textPanel = page.getByRole('tabpanel', { name: text.messaging.message.text });
      const textLink = textPanel.locator(RESET_LINK);
      await textLink.waitFor();
      expect(await textLink.getAttribute('target')).toBe('_blank');
      await checkPage(page, 'mailbox-message-text-en', WITHOUT_EMAIL);

      // Back to the list, the menu's link lit all along.
      const menuLink = page
        .getByRole('navigation', { name: text.navigation.label })
        .getByRole('link', { name: text.navigation.sections.mailbox });
      expect(await menuLink.getAttribute('class')).toContain('section-nav__link--active');
      await page.getByRole('link', { name: text.messaging.message.back }).click();
      await page.waitForURL(`${baseUrl}/mailbox`);
      await row(page, mail).first().waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reads well and passes axe in Catalan', async () => {
    const text = TEXTS.ca;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'administrator' });
      const mail = await waitForResetEmail(page);
      await openMailbox(page, 'ca');
      await expectBanner(page, 'ca');
      expect(
        await page
          .getByRole('table', { name: text.messaging.mailbox.table.caption })
          .getByRole('columnheader')
          .allTextContents(),
      ).toEqual([
        text.messaging.mailbox.table.to,
        text.messaging.mailbox.table.subject,
        text.messaging.mailbox.table.channel,
        text.messaging.mailbox.table.template,
        text.messaging.mailbox.table.language,
        text.messaging.mailbox.table.time,
        text.messaging.mailbox.table.status,
      ]);
      await checkPage(page, 'mailbox-ca');
      await openMessage(page, 'ca', mail);
      await expectBanner(page, 'ca');
      await checkPage(page, 'mailbox-message-ca', WITHOUT_EMAIL);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the support agent every entity's mail, and one entity's on request", async () => {
    const text = TEXTS.es;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { entity: 'support', username: 'support' });
      const mail = await waitForResetEmail(page);
      await openMailbox(page, 'es');
      await expectBanner(page, 'es');
      expect(await page.getByText(text.messaging.mailbox.leadAllEntities).count()).toBe(1);
      // The demo entity's message, named with its entity.
      const listed = row(page, mail).first();
      expect((await listed.locator('td').allTextContents())[0]).toBe(mail.entity.name);
      // The support agent has no failed messages of their own to manage.
      expect(
        await page.getByRole('link', { name: text.navigation.sections.failedMessages }).count(),
      ).toBe(0);
      await checkPage(page, 'mailbox-support-es');

      // Only the demo entity's mail: the choice goes to the API and into the address.
      const filter = page.getByLabel(text.messaging.mailbox.filter.entity, { exact: true });
      await filter.selectOption(mail.entity.id);
      const narrowed = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/api/mailbox' &&
          new URL(response.url()).searchParams.get('entity') === mail.entity.id,
      );
      await page.getByRole('button', { name: text.messaging.mailbox.filter.submit }).click();
      expect((await narrowed).status()).toBe(200);
      await page.waitForURL(new RegExp(`[?&]entity=${mail.entity.id}`));
      await row(page, mail).first().waitFor();
      const entities = await page
        .locator('table.mailbox-table tbody td:first-child')
        .allTextContents();
      expect([...new Set(entities)]).toEqual([mail.entity.name]);
      // Every entity stays on offer.
      expect(await filter.locator('option').count()).toBeGreaterThanOrEqual(2);

      // Its headers, never its body: it may hold a live link.
      await row(page, mail)
        .first()
        .getByRole('link', { name: mail.subject ?? '' })
        .click();
      await page.waitForURL(`**/mailbox/${mail.id}`);
      await expectHeading(page, mail.subject ?? '');
      const headers = page.locator('.mail-headers');
      await headers.locator('dt', { hasText: text.messaging.message.entity }).waitFor();
      expect(await headers.textContent()).toContain(mail.entity.name);
      await page.getByText(text.messaging.message.withheld.support_agent).waitFor();
      expect(await page.locator('iframe.mail-frame').count()).toBe(0);
      expect(await page.content()).not.toContain('#token=');
      await checkPage(page, 'mailbox-message-support-es', WITHOUT_EMAIL);

      // Back keeps the entity chosen.
      await page.getByRole('link', { name: text.messaging.message.back }).click();
      await page.waitForURL(new RegExp(`/mailbox\\?entity=${mail.entity.id}$`));
      expect(await filter.inputValue()).toBe(mail.entity.id);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a tablet held upright (768 px)', async () => {
    const text = TEXTS.it;
    const { context, page } = await suite.open({
      baseUrl,
      locale: 'it',
      viewport: { width: 768, height: 1024 },
    });
    try {
      await signIn(page, { username: 'administrator' });
      const mail = await waitForResetEmail(page);
      await openMailbox(page, 'it');
      expect(await pageOverflowsSideways(page)).toBe(false);
      const region = page.getByRole('region', { name: text.messaging.mailbox.table.caption });
      expect(await region.getAttribute('tabindex')).toBe('0');
      await checkPage(page, 'mailbox-tablet-it');

      await openMessage(page, 'it', mail);
      expect(await pageOverflowsSideways(page)).toBe(false);
      const frame = await page.locator('iframe.mail-frame').boundingBox();
      expect(frame && frame.x + frame.width).toBeLessThanOrEqual(768);
      await checkPage(page, 'mailbox-message-tablet-it', WITHOUT_EMAIL);

      await page
        .getByRole('navigation', { name: text.navigation.label })
        .getByRole('link', { name: text.navigation.sections.failedMessages })
        .click();
      await expectHeading(page, text.messaging.failed.title);
      await page.getByText(text.messaging.failed.empty).waitFor();
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, 'failed-tablet-it');
    } finally {
      await context.close();
    }
  });

  it("says so when the server is not in demo mode (the API's 404)", async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'administrator' });
      const message = serverEn.errors.messaging.mailbox_unavailable;
      await page.route('**/api/mailbox?*', (route) =>
        route.fulfill({
          status: 404,
          json: { error: { code: 'messaging.mailbox_unavailable', message } },
        }),
      );
      await openMailboxPage(page, 'en');
      await page.getByText(message).waitFor();
      // Nothing to claim about a mailbox that does not exist: no banner, no table.
      expect(await page.getByRole('note', { name: text.messaging.demoBanner.title }).count()).toBe(
        0,
      );
      expect(await page.getByRole('table').count()).toBe(0);
      await checkPage(page, 'mailbox-unavailable-en');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a text message as its text, the number masked, its link a link', async () => {
    const text = TEXTS.it;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'it' });
    try {
      await signIn(page, { username: 'administrator' });
      const me = await page.evaluate(async () => {
        const answer = (await (await fetch('/api/me')).json()) as {
          entity: { id: string; code: string; name: string };
        };
        return answer.entity;
      });
      const link = `${baseUrl}/activate#token=demo-token`;
      const sms = {
        id: crypto.randomUUID(),
        entity: { id: me.id, code: me.code, name: me.name },
        channel: 'sms',
        template: 'professional_activation_sms',
        language: 'it',
        to: '*********123',
        subject: null,
        createdAt: '2026-03-02T09:15:00.000Z',
        failure: null,
      };
      const body = fill(serverIt.messaging.templates.professional_activation_sms.text, {
        entityName: me.name,
        username: 'nuova',
        link,
        hours: '72',
      });
      // The demo server sends text messages only when a professional is created: played back.
      await page.route('**/api/mailbox?*', (route) =>
        route.fulfill({ json: { items: [sms], nextCursor: null } }),
      );
      await page.route(`**/api/mailbox/${sms.id}`, (route) =>
        route.fulfill({
          json: {
            ...sms,
            from: 'Caliu',
            replyTo: null,
            messageId: null,
            text: body,
            html: null,
            bodyWithheld: null,
          },
        }),
      );
      await openMailbox(page, 'it');
      const listed = page.locator('table.mailbox-table tbody tr').first();
      expect((await listed.locator('td').allTextContents()).slice(0, 4)).toEqual([
        sms.to,
        text.messaging.mailbox.table.smsSubject,
        text.messaging.channels.sms,
        text.messaging.templates.professional_activation_sms,
      ]);
      await listed.getByRole('link', { name: text.messaging.mailbox.table.smsSubject }).click();
      await page.waitForURL(`**/mailbox/${sms.id}`);
      const title = fill(text.messaging.message.smsTitle, { to: sms.to });
      await expectHeading(page, title);
      await expectBanner(page, 'it');
      expect(await page.locator('.mail-headers').textContent()).toContain(
        text.messaging.message.smsHint,
      );
      // No tabs and no frame: the text as it was sent, its link opening a new tab.
      expect(await page.getByRole('tab').count()).toBe(0);
      expect(await page.locator('iframe').count()).toBe(0);
      const sent = page.locator('.mail-text--sms');
      expect(await sent.textContent()).toBe(body);
      expect(await sent.getByRole('link', { name: link }).getAttribute('target')).toBe('_blank');
      await checkPage(page, 'mailbox-sms-it');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is neither offered nor opened to a technician', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await expectHeading(page, fill(text.home.greeting, { name: 'Marta' }));
      for (const name of [
        text.navigation.sections.mailbox,
        text.navigation.sections.failedMessages,
      ]) {
        expect(await page.getByRole('link', { name }).count()).toBe(0);
      }

      // Typing the addresses gives the not-found page, and asks the API nothing.
      const asked: string[] = [];
      page.on('request', (sent) => {
        const path = new URL(sent.url()).pathname;
        if (path.startsWith('/api/mailbox') || path.startsWith('/api/outbox')) asked.push(path);
      });
      await page.goto('/mailbox');
      await expectHeading(page, text.notFound.title);
      await checkPage(page, 'mailbox-no-access-ca');
      await page.goto('/outbox/failed');
      await expectHeading(page, text.notFound.title);
      expect(asked).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
