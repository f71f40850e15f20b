import { describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import serverCa from '../server/src/locales/ca/messaging.json';
import { checkPage, expectHeading, fill, signIn, TEXTS } from './browser';
import type { Lang } from './browser';
import { useBrowserSuite } from './suite';

/**
 * The failed messages page. The demo server's mail cannot be made to fail, so the page is tested
 * against the real server for its empty state and its permission only; a failed message, its
 * error and its retry (and the 409 `messaging.not_failed`) are covered by the server's API tests
 * (server/src/modules/messaging/messaging.test.ts). How the page shows failed messages and the
 * answers to a retry is tested with those API answers played back in the browser (page.route).
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

describe('the failed messages', () => {
  it.each<Lang>(['en', 'ca'])(
    'shows the administrator that nothing has failed, in %s',
    async (lang) => {
      const text = TEXTS[lang];
      const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
      try {
        await signIn(page, { username: 'administrator' });
        const answer = page.waitForResponse(
          (response) => new URL(response.url()).pathname === '/api/outbox/failed',
        );
        await page
          .getByRole('navigation', { name: text.navigation.label })
          .getByRole('link', { name: text.navigation.sections.failedMessages })
          .click();
        await page.waitForURL('**/outbox/failed');
        await expectHeading(page, text.messaging.failed.title);
        expect(await page.title()).toBe(`${text.messaging.failed.title} · Caliu`);
        const body = (await (await answer).json()) as { items: unknown[] };
        // The demo mailbox accepts every message: nothing fails on the demo server.
        expect(body.items).toEqual([]);
        await page.getByText(text.messaging.failed.empty).waitFor();
        expect(await page.getByRole('table').count()).toBe(0);
        await checkPage(page, `failed-${lang}`);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

/** A failed message as GET /api/outbox/failed answers it. */
function failedMessage(to: string, lastError: string) {
  return {
    id: crypto.randomUUID(),
    channel: 'email',
    template: 'professional_activation',
    to,
    language: 'ca',
    status: 'failed',
    attempts: 8,
    lastError,
    createdAt: '2026-03-02T08:00:00.000Z',
    lastAttemptAt: '2026-03-02T14:30:00.000Z',
    nextAttemptAt: '2026-03-02T14:30:00.000Z',
  };
}

describe('the failed messages, as the API answers them', () => {
  it('shows each failure, sends one again, and says why another cannot be', async () => {
    const text = TEXTS.ca;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'administrator' });
      const first = failedMessage(`nova@${DEMO_DOMAIN}`, '550 5.1.1 Mailbox unavailable');
      const second = failedMessage(`antiga@${DEMO_DOMAIN}`, 'ECONNREFUSED');
      await page.route('**/api/outbox/failed?*', (route) =>
        route.fulfill({ json: { items: [first, second], nextCursor: null } }),
      );
      const retried: string[] = [];
      await page.route('**/api/outbox/*/retry', async (route) => {
        const id = new URL(route.request().url()).pathname.split('/')[3] ?? '';
        retried.push(id);
        // The console sends its anti-CSRF token with the write.
        expect(route.request().headers()['x-csrf-token']).toBeTruthy();
        if (id === first.id) {
          await route.fulfill({ json: { ...first, status: 'pending', attempts: 0 } });
        } else {
          const message = serverCa.errors.messaging.not_failed;
          await route.fulfill({
            status: 409,
            json: { error: { code: 'messaging.not_failed', message } },
          });
        }
      });

      await page.goto('/outbox/failed');
      await expectHeading(page, text.messaging.failed.title);
      const table = page.getByRole('table', { name: text.messaging.failed.table.caption });
      await table.waitFor();
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      const cells = await rows.first().locator('td').allTextContents();
      expect(cells[0]).toBe(first.to);
      expect(cells[1]).toContain(text.messaging.templates.professional_activation);
      expect(cells[2]).toBe('8');
      // The last attempt, in the entity's time zone (Europe/Madrid: 14:30 UTC is 15:30).
      expect(cells[3]).toContain('15:30');
      expect(cells[4]).toBe(first.lastError);
      await checkPage(page, 'failed-rows-ca');

      // Sent again: the row says so, and takes the focus from the button that went away.
      await page
        .getByRole('button', { name: fill(text.messaging.failed.retryLabel, { to: first.to }) })
        .click();
      const queued = rows.first().getByRole('status');
      await queued.waitFor();
      expect(await queued.textContent()).toBe(text.messaging.failed.queued);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe(text.messaging.failed.queued);

      // Not failed any more (sent meanwhile): the server's words, and no button.
      const secondButton = page.getByRole('button', {
        name: fill(text.messaging.failed.retryLabel, { to: second.to }),
      });
      await secondButton.click();
      const refusal = rows.nth(1).getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe(serverCa.errors.messaging.not_failed);
      expect(await secondButton.count()).toBe(0);
      expect(retried).toEqual([first.id, second.id]);
      await checkPage(page, 'failed-retried-ca');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
