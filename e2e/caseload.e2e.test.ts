import { describe, expect, it } from 'vitest';
import { checkPage, TEXTS } from './browser';
import { apiLogin } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The demo coordinator's view of Equip Nord's caseload, and temporary access for an absence: the
 * basic-services technician is on holiday, the SIAD technician covers their case files of the
 * team — she finds them on her home page and opens one — until the coordinator ends the cover.
 * The cover changes who reaches what, so this file has a server of its own.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });

describe("a team's caseload", () => {
  it('shows each member’s load and lets a colleague cover an absence, then ends it', async () => {
    const text = TEXTS.en;
    const words = text.caseload;
    const { baseUrl } = suite;
    // One of tech-ssb's case files, to be opened by the colleague who covers.
    const ssb = await apiLogin(baseUrl, { username: 'tech-ssb' });
    const mine = await ssb.call<{ items: { id: string; number: string }[] }>(
      'GET',
      '/api/case-files?limit=1',
    );
    const file = mine.body.items[0]!;

    const coordinator = await suite.openAs(
      { username: 'coordinator' },
      { locale: 'en', path: '/teams' },
    );
    const { page } = coordinator;
    try {
      await page.getByRole('link', { name: 'Equip Nord' }).first().click();
      await page.getByRole('link', { name: words.link }).click();
      await page.getByRole('heading', { level: 1, name: 'Caseload of Equip Nord' }).waitFor();
      const load = page.getByRole('table', {
        name: words.load.caption.replace('{{team}}', 'Equip Nord'),
      });
      await load.waitFor();
      expect(await load.getByRole('row').count()).toBeGreaterThan(2);

      const form = page.getByRole('form', { name: words.form.title });
      const absent = form.getByLabel(words.form.absentId);
      const absentOptions = await absent.locator('option').allTextContents();
      const ssbName = await professionalName(baseUrl, 'tech-ssb');
      const siadName = await professionalName(baseUrl, 'tech-siad');
      expect(absentOptions).toContain(ssbName);
      await absent.selectOption({ label: ssbName });
      await form.getByLabel(words.form.coverId).selectOption({ label: siadName });
      await form.getByLabel(words.form.reason).selectOption({ label: words.reasons.holidays });
      await form.getByTestId('cover-summary').waitFor();
      await checkPage(page, 'caseload-cover-form');
      await form.getByRole('button', { name: words.form.submit }).click();
      await page.getByText(`${siadName} covers ${ssbName}.`).waitFor();
      const covers = page.getByRole('table', {
        name: words.covers.caption.replace('{{team}}', 'Equip Nord'),
      });
      await covers.getByText(words.states.live).waitFor();

      // The colleague finds it on her home page and reaches the absent technician's case file.
      const colleague = await suite.openAs({ username: 'tech-siad' }, { locale: 'en', path: '/' });
      try {
        await colleague.page
          .getByText(`You are covering ${ssbName} in Equip Nord`, { exact: false })
          .waitFor();
        await checkPage(colleague.page, 'caseload-home-covering');
        await colleague.page.goto(`/case-files/${file.id}`);
        await colleague.page
          .getByRole('heading', { level: 1, name: new RegExp(file.number) })
          .waitFor();
      } finally {
        await colleague.context.close();
      }

      // The coordinator ends it: at once, the file is out of the colleague's reach again.
      await covers.getByRole('button', { name: /^End the cover of/ }).click();
      await page.getByRole('button', { name: words.covers.endConfirm }).click();
      await page.getByText(`${siadName} no longer covers ${ssbName}.`).waitFor();
      const siad = await apiLogin(baseUrl, { username: 'tech-siad' });
      expect((await siad.call('GET', `/api/case-files/${file.id}`)).status).toBe(404);
      expect(coordinator.pageErrors).toEqual([]);
    } finally {
      await coordinator.context.close();
    }
  });
});

/** A demo professional's name as lists show it. */
async function professionalName(baseUrl: string, username: string): Promise<string> {
  const admin = await apiLogin(baseUrl, { username: 'administrator' });
  const found = await admin.call<{
    items: { username: string; givenName: string; surnames: string }[];
  }>('GET', `/api/professionals?q=${username}`);
  const pro = found.body.items.find((p) => p.username === username)!;
  return `${pro.givenName} ${pro.surnames}`;
}
