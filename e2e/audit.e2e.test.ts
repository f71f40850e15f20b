import { readFile } from 'node:fs/promises';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../server/src/demo/fixtures';
import { checkPage, expectHeading, fill, pageOverflowsSideways, signIn, TEXTS } from './browser';
import { useBrowserSuite } from './suite';
import type { Lang } from './browser';
import { MARIA } from './persons-pages';

const suite = useBrowserSuite();
const { baseUrl } = suite;

const CSV_HEADER =
  'id,at,actor_id,actor_name,from_support,action,outcome,record_type,record_id,ticket_id,request_id,ip,details';

function demoName(username: string): string {
  const login = DEMO_LOGINS.find((candidate) => candidate.username === username);
  if (!login) throw new Error(`No demo login ${username}`);
  return `${login.givenName} ${login.surnames}`;
}

type AuditPage = { items: { id: string; at: string; actor: { id: string } | null }[] };

/** The next answer of the audit search (GET /api/audit, not the CSV download). */
function nextSearch(page: Page): Promise<Response> {
  return page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/api/audit' && response.request().method() === 'GET',
  );
}

function searchParam(response: Response, name: string): string | null {
  return new URL(response.url()).searchParams.get(name);
}

/** The texts of one column of the results table (1 = time, 2 = who, 3 = action…). */
async function column(page: Page, index: number, selector = ''): Promise<string[]> {
  const cells = page.locator(`table.audit-table tbody td:nth-child(${index}) ${selector}`.trim());
  return cells.allTextContents();
}

async function rowCount(page: Page): Promise<number> {
  return page.locator('table.audit-table tbody tr').count();
}

/** Signs in as `username` in a browser of its own, so that the log has a sign-in to find. */
async function signInElsewhere(username: string): Promise<void> {
  const { context, page } = await suite.open({ baseUrl, locale: 'es' });
  try {
    await signIn(page, { username });
  } finally {
    await context.close();
  }
}

/** Signs the administrator in and opens the audit page from the section bar. */
async function openAuditPage(page: Page, lang: Lang): Promise<Response> {
  const text = TEXTS[lang];
  await signIn(page, { username: 'administrator' });
  const sections = page.getByRole('navigation', { name: text.navigation.label });
  const link = sections.getByRole('link', { name: text.navigation.sections.audit });
  const answer = nextSearch(page);
  await link.click();
  await page.waitForURL('**/audit');
  await expectHeading(page, text.audit.title);
  expect(await link.getAttribute('aria-current')).toBe('page');
  expect(await page.title()).toBe(`${text.audit.title} · Caliu`);
  const response = await answer;
  expect(response.status()).toBe(200);
  await page.locator('table.audit-table tbody tr').first().waitFor();
  return response;
}

describe('the audit page', () => {
  it('finds sign-ins, filters by action and by a name, loads more and downloads CSV', async () => {
    const text = TEXTS.en;
    const professional = demoName('sad-manager');
    await signInElsewhere('sad-manager');

    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      const first = await openAuditPage(page, 'en');
      const firstPage = (await first.json()) as AuditPage;

      // Times are the entity's (Europe/Madrid), not the browser's (New York).
      const expectedTime = await page.evaluate(
        (iso) =>
          new Intl.DateTimeFormat('en', {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: 'Europe/Madrid',
          }).format(new Date(iso)),
        firstPage.items[0]!.at,
      );
      expect((await column(page, 1))[0]).toBe(expectedTime);
      const signInRow = page
        .locator('table.audit-table tbody tr')
        .filter({ hasText: professional })
        .filter({ hasText: text.audit.sentences.auth.login });
      await signInRow.first().waitFor();

      // By action: every row is a sign-in.
      await page.getByLabel(text.audit.filters.action).selectOption('auth.login');
      const byAction = nextSearch(page);
      await page.getByRole('button', { name: text.audit.filters.submit }).click();
      expect(searchParam(await byAction, 'action')).toBe('auth.login');
      await page.waitForURL(/[?&]action=auth\.login/);
      // (A refused sign-in, from another test, says so and why.)
      const refusedSignIn = text.audit.sentences.auth.loginRefused.split('{{')[0]!;
      await expect
        .poll(async () =>
          (await column(page, 3, '.audit-table__action')).every(
            (sentence) =>
              sentence === text.audit.sentences.auth.login || sentence.startsWith(refusedSignIn),
          ),
        )
        .toBe(true);

      // A name in the results narrows the search to that professional (the action stays).
      const byActor = nextSearch(page);
      await page
        .locator('table.audit-table')
        .getByRole('button', { name: professional, exact: true })
        .first()
        .click();
      const actorAnswer = await byActor;
      const actorId = searchParam(actorAnswer, 'actorId');
      expect(actorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(searchParam(actorAnswer, 'action')).toBe('auth.login');
      await expect
        .poll(async () => [...new Set(await column(page, 2, '.audit-table__actor'))])
        .toEqual([professional]);
      await page
        .getByText(fill(text.audit.filters.onlyProfessional, { name: professional }))
        .waitFor();
      // The keyboard user is taken to the top of the new results.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        text.audit.results.title,
      );
      await checkPage(page, 'audit-filtered-en');

      // The CSV download carries the same filters, and starts with the column names.
      const link = page.getByRole('link', { name: text.audit.results.download });
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toContain(`actorId=${actorId}`);
      expect(href).toContain('action=auth.login');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^caliu-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(1)) expect(line).toContain(`"${actorId}"`);

      // "Show all professionals" and "Clear filters" widen the search again.
      const everybody = nextSearch(page);
      await page.getByRole('button', { name: text.audit.filters.showAllProfessionals }).click();
      const everybodyAnswer = await everybody;
      expect(searchParam(everybodyAnswer, 'actorId')).toBeNull();
      expect(searchParam(everybodyAnswer, 'action')).toBe('auth.login');
      const cleared = nextSearch(page);
      await page.getByRole('button', { name: text.audit.filters.clear }).click();
      expect(new URL((await cleared).url()).search).toBe('?limit=50');
      await page.waitForURL(`${baseUrl}/audit`);

      // More than a page of entries: every search is recorded, so a few searches make them.
      await page.evaluate(async () => {
        for (let i = 0; i < 55; i += 1) await fetch('/api/audit?limit=1');
      });
      const fresh = nextSearch(page);
      await page.getByRole('button', { name: text.audit.filters.submit }).click();
      const freshPage = (await (await fresh).json()) as AuditPage & { nextCursor: string | null };
      expect(freshPage.nextCursor).not.toBeNull();
      await expect.poll(() => rowCount(page)).toBe(50);
      await page.getByText(fill(text.audit.results.shown, { count: '50' })).waitFor();

      const more = nextSearch(page);
      await page.getByRole('button', { name: text.audit.results.more }).click();
      const moreAnswer = await more;
      expect(searchParam(moreAnswer, 'cursor')).toBe(freshPage.nextCursor);
      const morePage = (await moreAnswer.json()) as AuditPage;
      // The second page starts where the first ended: no entry twice.
      const firstIds = new Set(freshPage.items.map((item) => item.id));
      expect(morePage.items.filter((item) => firstIds.has(item.id))).toEqual([]);
      const shown = 50 + morePage.items.length;
      await expect.poll(() => rowCount(page)).toBe(shown);
      await page.getByText(fill(text.audit.results.shown, { count: String(shown) })).waitFor();
      await checkPage(page, 'audit-en');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a refused filter in words, next to its field', async () => {
    const text = TEXTS.es;
    const { context, page } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { username: 'administrator' });
      const answer = nextSearch(page);
      await page.goto('/audit?actorId=7');
      const body = (await (await answer).json()) as { error: { message: string } };
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(body.error.message);
      const field = page.getByLabel(text.audit.filters.actorId, { exact: true });
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.inputValue()).toBe('7');
      await checkPage(page, 'audit-refused-filter-es');
    } finally {
      await context.close();
    }
  });

  it.each<Lang>(['ca', 'it'])('reads well and passes axe in %s', async (lang) => {
    const text = TEXTS[lang];
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
    try {
      await openAuditPage(page, lang);
      const table = page.getByRole('table', { name: text.audit.table.caption });
      expect(await table.getByRole('columnheader').allTextContents()).toEqual([
        text.audit.table.time,
        text.audit.table.actor,
        text.audit.table.action,
        text.audit.table.outcome,
        text.audit.table.record,
        text.audit.table.request,
      ]);
      // This very search is the newest entry, as a sentence in the page's language.
      expect((await column(page, 3, '.audit-table__action'))[0]).toBe(
        text.audit.sentences.audit.search,
      );
      await checkPage(page, `audit-${lang}`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each<Lang>(['ca', 'es'])(
    'writes entries as sentences, names a person only to whom may see them, one entry per view (%s)',
    async (lang) => {
      const text = TEXTS[lang];
      // A technician mistypes the password, then opens María's page (she is María's referent:
      // the page shows the full record, history included).
      const tech = await suite.open({ baseUrl, locale: lang });
      let mariaId = '';
      try {
        const wrong = await tech.page.context().request.post('/api/auth/login', {
          data: { entity: 'demo', username: 'tech-ssb', password: 'not-the-password' },
        });
        expect(wrong.status()).toBe(401);
        await signIn(tech.page, { username: 'tech-ssb' });
        const found = await tech.page.context().request.get(`/api/persons?q=${MARIA.document}`);
        mariaId = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
      } catch (error) {
        await tech.context.close();
        throw error;
      }

      const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
      try {
        await signIn(page, { username: 'administrator' });
        const entriesOfMaria = async () => {
          const answer = await page
            .context()
            .request.get(`/api/audit?recordType=person&recordId=${mariaId}&limit=200`);
          return ((await answer.json()) as AuditPage).items.length;
        };
        const before = await entriesOfMaria();
        try {
          await tech.page.goto(`/persons/${mariaId}`);
          await expectHeading(tech.page, MARIA.name);
          await tech.page.locator('.person-history tbody tr').first().waitFor();
        } finally {
          await tech.context.close();
        }
        // One view of the page, one entry (not one for the data and one for the history).
        expect(await entriesOfMaria()).toBe(before + 1);

        const byRecord = nextSearch(page);
        await page.goto(`/audit?recordType=person&recordId=${mariaId}`);
        expect((await byRecord).status()).toBe(200);
        const first = page.locator('table.audit-table tbody tr').first();
        await first.waitFor();
        // The administrator does not see persons' data: María is an opaque reference.
        const reference = `#${mariaId.slice(0, 8)}`;
        expect(await first.locator('.audit-table__action').textContent()).toBe(
          fill(text.audit.sentences.person.readFull, { record: reference }),
        );
        expect(await first.locator('.audit-table__actor').textContent()).toBe(demoName('tech-ssb'));
        expect(await page.locator('table.audit-table').textContent()).not.toContain(MARIA.name);
        await checkPage(page, `audit-sentences-${lang}`);

        // A failed sign-in says why, in words.
        const refused = nextSearch(page);
        await page.goto('/audit?action=auth.login&outcome=denied');
        await refused;
        const failed = page
          .locator('table.audit-table tbody tr')
          .filter({ hasText: demoName('tech-ssb') })
          .first();
        await failed.waitFor();
        expect(await failed.locator('.audit-table__action').textContent()).toBe(
          fill(text.audit.sentences.auth.loginRefused, {
            reason: text.audit.sentences.reasons.bad_password,
          }),
        );
        // No raw codes: neither the action's nor its details'.
        const words = (await page.locator('table.audit-table tbody').textContent()) ?? '';
        expect(words).not.toMatch(/auth\.login|bad_password|reason:/);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('fits a tablet held upright (768 px)', async () => {
    const text = TEXTS.es;
    const { context, page } = await suite.open({
      baseUrl,
      locale: 'es',
      viewport: { width: 768, height: 1024 },
    });
    try {
      await openAuditPage(page, 'es');
      // Neither the page nor the table scrolls sideways: each entry is a card of labelled lines.
      expect(await pageOverflowsSideways(page)).toBe(false);
      // Its box does not scroll, so it is no extra stop for the keyboard.
      const scrollBox = page.locator('table.audit-table').locator('xpath=..');
      expect(await scrollBox.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await scrollBox.getAttribute('tabindex')).toBeNull();
      const time = page.locator('table.audit-table tbody tr').first().locator('td').first();
      expect(await time.evaluate((el) => getComputedStyle(el, '::before').content)).toBe(
        JSON.stringify(text.audit.table.time),
      );
      const link = page.getByRole('link', { name: text.navigation.sections.audit });
      const box = await link.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(768);
      await checkPage(page, 'audit-tablet-es');
    } finally {
      await context.close();
    }
  });

  it('is neither offered nor opened to a professional without the permission', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await expectHeading(page, fill(text.home.greeting, { name: 'Marta' }));
      expect(await page.getByRole('link', { name: text.navigation.sections.audit }).count()).toBe(
        0,
      );
      // The section bar shows only what the technician holds: persons, not the audit log.
      const sections = page.getByRole('navigation', { name: text.navigation.label });
      expect(
        await sections.getByRole('link', { name: text.navigation.sections.persons }).count(),
      ).toBe(1);

      // Typing the address gives the not-found page, and asks the API nothing.
      const asked: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/audit')) asked.push(request.url());
      });
      await page.goto('/audit');
      await expectHeading(page, text.notFound.title);
      expect(asked).toEqual([]);
      await checkPage(page, 'audit-no-access-ca');
    } finally {
      await context.close();
    }
  });
});
