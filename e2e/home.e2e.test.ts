import { describe, expect, it } from 'vitest';
import { checkPage, expectHeading, TEXTS } from './browser';
import { useBrowserSuite } from './suite';

/**
 * The home page of the demo's basic-services technician: the search box first, the case files
 * they opened last, their alerts (the demo plan's review is overdue) with the records behind one,
 * and the search box handing a case file's number to the search.
 */

const suite = useBrowserSuite();

describe('the home page', () => {
  it('shows a technician the search box, their recent case files and their alerts', async () => {
    const text = TEXTS.en;
    const home = text.homePage;
    const { context, page, pageErrors } = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en', path: '/case-files' },
    );
    try {
      // Open one of their case files: it becomes a recent one.
      const link = page.locator('table a[href^="/case-files/"]').first();
      await link.waitFor();
      const number = ((await link.textContent()) ?? '').trim();
      expect(number).toMatch(/^\d{4}\/\d+$/);
      // Its opening is the audited read that the home page's list is made of.
      const read = page.waitForResponse(
        (r) => /\/api\/case-files\/[0-9a-f-]{36}(\?|$)/.test(r.url()) && r.status() === 200,
      );
      await link.click();
      await read;

      await page.goto('/');
      // The search box comes first.
      const box = page.getByLabel(home.search.label);
      await box.waitFor();
      const firstSection = await page.evaluate(() =>
        document.querySelector('main form[role="search"], main section')?.tagName.toLowerCase(),
      );
      expect(firstSection).toBe('form');

      // Recent case files: the one just opened.
      const recent = page.locator('section.recent-case-files');
      await recent.getByRole('link', { name: number }).waitFor();

      // Alerts: the demo plan's review is past its date.
      const alerts = page.locator('section.alerts-panel');
      const overdue = alerts.getByRole('link', {
        name: new RegExp(home.alerts.kinds.plan_review_overdue),
      });
      await overdue.waitFor();
      expect(Number((await overdue.locator('span').textContent()) ?? '0')).toBeGreaterThan(0);
      // Each kind can be switched off: the settings list them all.
      await alerts.locator('summary').click();
      await expect
        .poll(() => alerts.getByRole('checkbox').count())
        .toBe(Object.keys(home.alerts.kinds).length);
      // The support tickets of their own.
      await page.locator('section.my-tickets').getByText(home.tickets.title).waitFor();
      await checkPage(page, 'home-technician-en');

      // The records behind the alert, each opening its case file.
      await overdue.click();
      await page.waitForURL(/\/alerts\/plan_review_overdue$/);
      await expectHeading(page, home.alerts.kinds.plan_review_overdue);
      await page.locator('main table a[href^="/case-files/"]').first().waitFor();
      await checkPage(page, 'home-alert-records-en');

      // The home search box hands a number to the search, which shows that case file.
      await page.goto('/');
      await page.getByLabel(home.search.label).fill(number);
      await page.getByRole('button', { name: home.search.submit }).click();
      await page.waitForURL(
        (url) => url.pathname === '/persons' && url.searchParams.get('q') === number,
      );
      await page.locator('.case-file-matches').getByRole('link', { name: number }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
