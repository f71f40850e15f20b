import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import { checkPage, expectHeading, fill, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import type { ApiSession } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The agenda settings (issue 18): the demo coordinator sets Sector Nord's working hours (the
 * technician of the sector reads them), the demo administrator adds a local holiday and deletes
 * another, and the basic-services technician asks for a calendar feed — its link reaches the
 * demo mailbox, works, and stops working once revoked. Working hours and holidays change what
 * every booking is checked against, so this file has a server of its own.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });
const text = TEXTS.en;
const words = text.agendaSettings;

type WorkingHours = {
  items: { sector: { name: string }; intervals: unknown[]; canEdit: boolean }[];
};
type MailboxItem = { id: string; to: string; template: string };

/** The current year on the server's calendar (the holidays page opens on it). */
const YEAR = new Date().getUTCFullYear();

/** The times of one day of a sector's form, found by the day's name. */
function day(page: Page, sector: string, weekday: number) {
  return page
    .getByRole('form', { name: fill(words.workingHours.formLabel, { sector }) })
    .getByRole('group', { name: words.weekdays[String(weekday) as '1'], exact: true });
}

/** The newest message of `template` to `to` in the demo mailbox, its text (waits for the worker). */
async function mailTo(admin: ApiSession, to: string, template: string): Promise<string> {
  let found: MailboxItem | undefined;
  await expect
    .poll(
      async () => {
        const list = expectStatus(
          await admin.call<{ items: MailboxItem[] }>('GET', '/api/mailbox?limit=200'),
          200,
          'read the demo mailbox',
        );
        found = list.items.find((m) => m.to === to && m.template === template);
        return Boolean(found);
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  const message = expectStatus(
    await admin.call<{ text: string | null }>('GET', `/api/mailbox/${found!.id}`),
    200,
    'read a message',
  );
  return message.text ?? '';
}

describe('the agenda settings', () => {
  it('let the coordinator set a sector’s working hours, checked as they are typed', async () => {
    const sector = 'Sector Nord';
    const coordinator = await suite.openAs(
      { username: 'coordinator' },
      { locale: 'en', path: '/agenda/settings' },
    );
    const { page } = coordinator;
    try {
      await expectHeading(page, words.workingHours.title);
      const form = page.getByRole('form', { name: fill(words.workingHours.formLabel, { sector }) });
      await form.waitFor();

      // Monday: a morning and an afternoon that overlap are refused before anything is sent.
      const monday = day(page, sector, 1);
      await monday.getByLabel(words.workingHours.shape).selectOption({
        label: words.workingHours.shapes['2'],
      });
      await monday.getByLabel(words.workingHours.times.morning.start).fill('08:00');
      await monday.getByLabel(words.workingHours.times.morning.end).fill('14:00');
      await monday.getByLabel(words.workingHours.times.afternoon.start).fill('13:00');
      await monday.getByLabel(words.workingHours.times.afternoon.end).fill('18:00');
      await form.getByRole('button', { name: words.workingHours.save }).click();
      await monday.getByText(words.workingHours.problems.overlap).waitFor();
      const afternoonStart = monday.getByLabel(words.workingHours.times.afternoon.start);
      expect(await afternoonStart.getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'agenda-settings-working-hours-overlap');

      // Fixed, then copied to the rest of the working week, and saved.
      await afternoonStart.fill('15:30');
      expect(await monday.getByText(words.workingHours.problems.overlap).count()).toBe(0);
      await form.getByRole('button', { name: words.workingHours.copyMonday }).click();
      expect(
        await day(page, sector, 5).getByLabel(words.workingHours.times.afternoon.end).inputValue(),
      ).toBe('18:00');
      expect(await day(page, sector, 6).getByLabel(words.workingHours.shape).inputValue()).toBe(
        '0',
      );
      await form.getByRole('button', { name: words.workingHours.save }).click();
      await page.getByText(fill(words.workingHours.saved, { sector })).waitFor();
      await checkPage(page, 'agenda-settings-working-hours-saved');
      expect(coordinator.pageErrors).toEqual([]);
    } finally {
      await coordinator.context.close();
    }

    // The sector's technician reads them, and may not change them.
    const ssb = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
    const hours = expectStatus(
      await ssb.call<WorkingHours>('GET', '/api/working-hours'),
      200,
      'read the working hours',
    );
    const nord = hours.items.find((item) => item.sector.name === sector);
    expect(nord?.intervals).toHaveLength(10);
    expect(nord?.canEdit).toBe(false);

    const technician = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en', path: '/agenda/settings' },
    );
    try {
      const summary = technician.page.getByRole('definition').filter({
        hasText: `${fill(words.workingHours.interval, { start: '08:00', end: '14:00' })}${words.workingHours.and}${fill(words.workingHours.interval, { start: '15:30', end: '18:00' })}`,
      });
      await expect.poll(() => summary.count()).toBe(5);
      expect(await technician.page.getByRole('form').count()).toBe(0);
      await checkPage(technician.page, 'agenda-settings-working-hours-read-only');
      expect(technician.pageErrors).toEqual([]);
    } finally {
      await technician.context.close();
    }
  });

  it('let the administrator add a local holiday and delete another, from the section bar', async () => {
    const admin = await suite.openAs({ username: 'administrator' }, { locale: 'en', path: '/' });
    const { page } = admin;
    const local = { date: `${YEAR}-08-16`, name: 'Sant Roc' };
    // The demo has this year's holidays already (none on these days).
    const national = { date: `${YEAR}-03-19`, name: 'Sant Josep' };
    try {
      await page
        .getByRole('navigation', { name: text.navigation.label })
        .getByRole('link', { name: text.navigation.sections.holidays })
        .click();
      await page.waitForURL('**/holidays');
      await expectHeading(page, words.holidays.title);
      const form = page.getByRole('form', { name: words.holidays.form.title });
      const list = page.getByRole('table', {
        name: fill(words.holidays.caption, { year: String(YEAR) }),
      });

      // A local holiday needs its municipality.
      await form.getByLabel(words.holidays.date).fill(local.date);
      await form.getByLabel(words.holidays.name).fill(local.name);
      await form.getByLabel(words.holidays.level).selectOption({
        label: words.holidays.levels.local,
      });
      await form.getByRole('button', { name: words.holidays.form.submit }).click();
      const municipality = form.getByLabel(words.holidays.municipality);
      await expect.poll(() => municipality.getAttribute('aria-invalid')).toBe('true');
      await municipality.selectOption({ label: 'Vilanova de la Serra' });
      await checkPage(page, 'agenda-settings-holiday-form');
      await form.getByRole('button', { name: words.holidays.form.submit }).click();
      const localRow = list.getByRole('row').filter({ hasText: local.name });
      await localRow.getByText('Vilanova de la Serra').waitFor();
      await localRow.getByText(words.holidays.levels.local).waitFor();

      // A national one, added by mistake, deleted after confirming.
      await form.getByLabel(words.holidays.date).fill(national.date);
      await form.getByLabel(words.holidays.name).fill(national.name);
      await form.getByLabel(words.holidays.level).selectOption({
        label: words.holidays.levels.national,
      });
      expect(await form.getByLabel(words.holidays.municipality).count()).toBe(0);
      await form.getByRole('button', { name: words.holidays.form.submit }).click();
      const nationalRow = list.getByRole('row').filter({ hasText: national.name });
      await nationalRow.getByText(words.holidays.everywhere).waitFor();
      await nationalRow.getByRole('button', { name: /^Delete Sant Josep/ }).click();
      await nationalRow.getByRole('button', { name: text.forms.deleteConfirm }).click();
      await expect
        .poll(() => list.getByRole('row').filter({ hasText: national.name }).count())
        .toBe(0);
      await checkPage(page, 'agenda-settings-holidays');
      expect(admin.pageErrors).toEqual([]);
    } finally {
      await admin.context.close();
    }

    // Whoever has an agenda reads them among the agenda settings, without the form.
    const technician = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en', path: '/agenda/settings' },
    );
    try {
      const tabs = technician.page.getByRole('navigation', { name: words.tabs });
      await tabs.getByRole('link', { name: words.holidays.title }).click();
      await technician.page
        .getByRole('table', { name: fill(words.holidays.caption, { year: String(YEAR) }) })
        .getByText(local.name)
        .waitFor();
      await technician.page.getByText(words.holidays.readOnly).waitFor();
      expect(await technician.page.getByRole('form').count()).toBe(0);
    } finally {
      await technician.context.close();
    }
  });

  it('let a technician ask for a calendar feed: emailed, never shown, revocable', async () => {
    const email = `tech-ssb@${DEMO_DOMAIN}`;
    const technician = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en', path: '/agenda/settings' },
    );
    const { page } = technician;
    try {
      await page
        .getByRole('navigation', { name: words.tabs })
        .getByRole('link', { name: words.calendar.title })
        .click();
      await expectHeading(page, words.calendar.title);
      await page.getByText(words.calendar.empty).waitFor();
      const form = page.getByRole('form', { name: words.calendar.askTitle });
      const names = form.getByLabel(words.calendar.includeNames);
      expect(await names.isChecked()).toBe(false);
      await form.getByText(words.calendar.warning).waitFor();
      await checkPage(page, 'agenda-settings-calendar');
      await form.getByRole('button', { name: words.calendar.request }).click();
      await page.getByText(words.calendar.sent).waitFor();
      const table = page.getByRole('table', { name: words.calendar.caption });
      const row = table.getByRole('row').filter({ hasText: words.calendar.active });
      await row.getByText(words.calendar.withoutNames).waitFor();
      // The address only goes by email: nothing on the page points at a feed.
      expect(await page.content()).not.toContain('/feeds/');
      await checkPage(page, 'agenda-settings-calendar-sent');

      // The email reached the demo mailbox; its address is a working iCalendar feed.
      const admin = await apiLogin(suite.baseUrl, { username: 'administrator' });
      const mail = await mailTo(admin, email, 'calendar_feed');
      const feedPath = /\/feeds\/[A-Za-z0-9._~-]+/.exec(mail)?.[0];
      expect(feedPath, mail).toBeTruthy();
      const feed = await fetch(`${suite.baseUrl}${feedPath}`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');

      // Revoked from the list (after confirming): the address stops working at once.
      await row.getByRole('button', { name: /^Revoke the feed/ }).click();
      await page.getByRole('button', { name: words.calendar.revokeConfirm }).click();
      await table.getByText(/^Revoked on/).waitFor();
      expect(await table.getByRole('button', { name: /^Revoke the feed/ }).count()).toBe(0);
      expect((await fetch(`${suite.baseUrl}${feedPath}`)).status).toBe(404);
      expect(technician.pageErrors).toEqual([]);
    } finally {
      await technician.context.close();
    }
  });
});
