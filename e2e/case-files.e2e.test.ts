import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, signIn, storedDrafts, TEXTS } from './browser';
import type { Lang } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { openTab } from './case-files-pages';
import { openSearch, search } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Case files on the shared demo server: a social-services technician opens one from a person's
 * page, links a member of the household, records an interview whose notes survive a reload and
 * a refusal, and reads it in the timeline; a case file found by its number, in every language;
 * the technical administrator sees the header and not the interventions.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

/** Demo persons of Vilanova de la Serra (server/src/demo/seed-persons.ts) no other test touches. */
const HOLDER = 'Joan Ferrer Soler';
const CHILD = 'Pau Ferrer Soler';
/** A demo person of Santa Coloma del Riu: the municipality rule keeps them out of the content. */
const ELSEWHERE = 'José García López';
/** Opened by the API for the tests that start from a case file. */
const API_HOLDER = { query: 'Nuria Puig Vidal', name: 'Núria Puig i Vidal' };

const CASE_FILE_URL = /\/case-files\/[0-9a-f-]{36}$/;

type Created = { id: string; number: string };

/** tech-ssb opens an SSB case file for the demo's Núria Puig i Vidal, with an interview in it. */
async function caseFileWithInterview(notes: string): Promise<Created> {
  const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
  const found = expectStatus(
    await technician.call<{ items: { id: string }[] }>(
      'GET',
      `/api/persons?q=${encodeURIComponent(API_HOLDER.query)}`,
    ),
    200,
    'search the holder',
  );
  const personId = found.items[0]!.id;
  const created = expectStatus(
    await technician.call<Created & { openedOn: string }>('POST', '/api/case-files', {
      personId,
      scope: 'ssb',
    }),
    201,
    'open a case file',
  );
  const types = expectStatus(
    await technician.call<{ items: { id: string; code: string }[] }>(
      'GET',
      '/api/catalogues/intervention_type',
    ),
    200,
    'intervention types',
  );
  expectStatus(
    await technician.call('POST', `/api/case-files/${created.id}/interventions`, {
      typeId: types.items.find((item) => item.code === 'interview')!.id,
      occurredOn: created.openedOn,
      personIds: [personId],
      notes,
    }),
    201,
    'record an interview',
  );
  return created;
}

/** The number of the case file whose page is open (from its heading). */
async function numberOnPage(page: Page, lang: Lang): Promise<string> {
  const prefix = fill(TEXTS[lang].caseFiles.page.title, { number: '' });
  await expect
    .poll(async () => (await page.getByRole('heading', { level: 1 }).textContent()) ?? '')
    .toMatch(/\d{4}\/\d{6}$/);
  const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  expect(heading.startsWith(prefix)).toBe(true);
  return heading.slice(prefix.length);
}

describe('working on a case file', () => {
  it('opens one from a person, links a household member, and records an interview kept through a reload and a refusal', async () => {
    const text = TEXTS.en;
    const words = text.caseFiles;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, 'en');
      expect(await search(page, 'en', HOLDER)).toContain(HOLDER);
      await page.getByRole('link', { name: HOLDER }).first().click();
      await expectHeading(page, HOLDER);

      // The person's page lists the case files the technician sees, and opens a new one.
      const section = page.getByRole('region', { name: text.persons.caseFiles.title });
      await section.getByRole('link', { name: text.persons.caseFiles.open }).click();
      await expectHeading(page, words.new.title);
      // A technician of basic social services opens SSB case files: chosen already; the
      // holder's municipality and the technician as referent by default.
      const scope = page.getByLabel(words.fields.scope);
      expect(await scope.inputValue()).toBe('ssb');
      expect(await scope.locator('option').count()).toBe(1);
      const municipality = page.getByRole('combobox', { name: words.fields.municipality });
      await expect
        .poll(() => municipality.locator('option:checked').textContent())
        .toBe('Vilanova de la Serra');
      const referent = page.getByRole('combobox', { name: words.fields.referent });
      await expect
        .poll(() => referent.locator('option:checked').textContent())
        .toBe('Marta Puig Serra');
      await checkPage(page, 'case-files-new-en');
      await page.getByRole('button', { name: words.new.submit }).click();
      await page.waitForURL(CASE_FILE_URL);
      const number = await numberOnPage(page, 'en');
      await page.getByText(words.notices.created).waitFor();
      const header = page.getByRole('region', { name: words.page.header });
      expect(await header.textContent()).toContain(HOLDER);
      expect(await header.textContent()).toContain(words.scopes.ssb);

      // A member of the household: searched by name, chosen, given a role.
      const members = page.getByRole('region', { name: words.members.title });
      const link = async (name: string, role: string) => {
        await members.getByLabel(words.addMember.search).fill(name);
        await members.getByRole('radio', { name }).check();
        await members
          .getByRole('combobox', { name: words.addMember.role })
          .selectOption({ label: role });
        await members.getByRole('button', { name: words.addMember.submit }).click();
        await page.getByText(fill(words.members.added, { name })).waitFor();
      };
      await link(CHILD, words.roles.child);
      await link(ELSEWHERE, words.roles.other);
      const roleOf = (name: string) => members.getByLabel(fill(words.members.roleOf, { name }));
      expect(await roleOf(HOLDER).inputValue()).toBe('holder');
      expect(await roleOf(CHILD).inputValue()).toBe('child');
      await checkPage(page, 'case-files-members-en');

      // The interview: typed, kept as an encrypted draft, offered back after a reload.
      await openTab(page, 'en', 'interventions');
      const form = page.getByRole('region', { name: words.intervention.title });
      const notes = form.getByLabel(words.intervention.notes);
      const typed =
        'Joan explains that his pension no longer covers the rent.\nWe agree to ask for the housing allowance.';
      await form
        .getByRole('combobox', { name: words.intervention.type })
        .selectOption({ label: 'Interview' });
      const date = await form.locator('input[type="date"]').inputValue();
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await form.getByLabel(words.intervention.duration).fill('45');
      await form
        .getByRole('combobox', { name: words.intervention.place })
        .selectOption({ label: words.places.office });
      const present = form.getByRole('group', { name: words.intervention.persons });
      await present.getByRole('checkbox', { name: HOLDER }).check();
      await present.getByRole('checkbox', { name: CHILD }).check();
      await notes.fill(typed);
      await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
      expect((await storedDrafts(page))[0]).not.toContain('pension');

      await page.reload();
      await numberOnPage(page, 'en');
      const offer = form.getByRole('status').filter({ hasText: text.drafts.offerTitle });
      await offer.waitFor();
      await offer.getByRole('button', { name: text.drafts.restore }).click();
      expect(await notes.inputValue()).toBe(typed);
      expect(await form.getByLabel(words.intervention.duration).inputValue()).toBe('45');
      expect(await present.getByRole('checkbox', { name: CHILD }).isChecked()).toBe(true);

      // A member of another municipality present: refused in the server's words, naming both
      // municipalities; everything typed stays.
      await present.getByRole('checkbox', { name: ELSEWHERE }).check();
      await form.getByRole('button', { name: words.intervention.submit }).click();
      const refusal = form.getByRole('alert');
      await refusal.waitFor();
      const said = (await refusal.textContent()) ?? '';
      expect(said).toContain('Santa Coloma del Riu');
      expect(said).toContain('Vilanova de la Serra');
      expect(await notes.inputValue()).toBe(typed);
      await checkPage(page, 'case-files-municipality-rule-en');

      await present.getByRole('checkbox', { name: ELSEWHERE }).uncheck();
      await form.getByRole('button', { name: words.intervention.submit }).click();
      await page.getByText(words.intervention.recorded).waitFor();
      // A new, empty form; no draft left behind.
      expect(await notes.inputValue()).toBe('');
      await expect.poll(async () => (await storedDrafts(page)).length).toBe(0);

      // The timeline, most recent first: the interview, then the opening the system recorded.
      const timeline = page.getByRole('region', { name: words.timeline.title });
      const entries = timeline.getByRole('listitem');
      await expect.poll(() => entries.count()).toBe(2);
      const interview = entries.first();
      expect(await interview.getByRole('heading', { level: 3 }).textContent()).toContain(
        'Interview',
      );
      const shown = (await interview.textContent()) ?? '';
      expect(shown).toContain('We agree to ask for the housing allowance.');
      expect(shown).toContain(fill(words.timeline.minutes, { count: '45' }));
      expect(shown).toContain(words.places.office);
      expect(shown).toContain(fill(words.timeline.present, { names: `${HOLDER}, ${CHILD}` }));
      expect(await entries.nth(1).getByRole('heading', { level: 3 }).textContent()).toContain(
        words.events.opened,
      );
      await checkPage(page, 'case-files-timeline-en');

      // The person's page now lists it.
      await header.getByRole('link', { name: HOLDER }).click();
      await expectHeading(page, HOLDER);
      await page
        .getByRole('region', { name: text.persons.caseFiles.title })
        .getByRole('link', { name: number })
        .waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('finds a case file by its number from the persons search, in Catalan and Italian', async () => {
    const created = await caseFileWithInterview('Primera entrevista.');
    const ca = TEXTS.ca;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      // The section: by default, the technician's own case files.
      await page
        .getByRole('navigation', { name: ca.navigation.label })
        .getByRole('link', { name: ca.navigation.sections.caseFiles })
        .click();
      await expectHeading(page, ca.caseFiles.title);
      await page.getByRole('link', { name: created.number }).waitFor();
      await checkPage(page, 'case-files-list-ca');

      // Its number typed in the persons search box (without the zeros) finds it.
      await openSearch(page, 'ca');
      const [year, seq] = created.number.split('/');
      const typed = `${year}/${Number(seq)}`;
      await page.getByLabel(ca.persons.search.label).fill(typed);
      const matches = page.getByRole('region', {
        name: fill(ca.persons.caseFileMatches.title, { number: typed }),
      });
      await matches.getByRole('link', { name: created.number }).click();
      await page.waitForURL(CASE_FILE_URL);
      expect(await numberOnPage(page, 'ca')).toBe(created.number);
      // The timeline comes first; the interview is in it.
      await page.getByRole('tabpanel').getByText('Primera entrevista.').waitFor();
      await checkPage(page, 'case-files-page-ca');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }

    // The page in Italian (English and Spanish have tests of their own above and below).
    const words = TEXTS.it.caseFiles;
    const opened = await suite.open({ baseUrl, locale: 'it' });
    try {
      await signIn(
        opened.page,
        { username: 'tech-ssb' },
        `/case-files/${created.id}?tab=interventions`,
      );
      await expectHeading(opened.page, fill(words.page.title, { number: created.number }));
      await opened.page.getByRole('heading', { name: words.timeline.title, exact: true }).waitFor();
      await opened.page
        .getByRole('heading', { name: words.intervention.title, exact: true })
        .waitFor();
      expect(await opened.page.getByText(words.scopes.ssb).count()).toBeGreaterThan(0);
      await checkPage(opened.page, 'case-files-page-it');
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('the header of a case file', () => {
  it('closes it with a reason, reopens it saying why, and assigns a professional', async () => {
    const created = await caseFileWithInterview('Entrevista inicial.');
    const text = TEXTS.es;
    const words = text.caseFiles;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { username: 'tech-ssb' }, `/case-files/${created.id}?tab=interventions`);
      await expectHeading(page, fill(words.page.title, { number: created.number }));
      const timeline = page.getByRole('region', { name: words.timeline.title, exact: true });
      await timeline.getByRole('listitem').first().waitFor();

      // Closing asks for a reason in a dialog; Escape leaves everything as it was.
      const closeButton = page.getByRole('button', { name: words.actions.close });
      await closeButton.click();
      const closing = page.getByRole('dialog', {
        name: fill(words.close.title, { number: created.number }),
      });
      await closing.waitFor();
      await page.keyboard.press('Escape');
      await closing.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        words.actions.close,
      );
      await closeButton.click();
      await closing.getByRole('button', { name: words.close.submit }).click();
      const reason = closing.getByRole('combobox', { name: words.close.reason });
      expect(await reason.getAttribute('aria-invalid')).toBe('true');
      await closing.getByText(words.validation.choose).waitFor();
      await reason.selectOption({ index: 1 });
      const chosen = (await reason.locator('option:checked').textContent()) ?? '';
      await closing.getByRole('textbox', { name: words.close.note }).fill('Ha encontrado trabajo.');
      await checkPage(page, 'case-files-close-es');
      await closing.getByRole('button', { name: words.close.submit }).click();
      await page.getByText(words.notices.closed).waitFor();
      const header = page.getByRole('region', { name: words.page.header });
      expect(await header.textContent()).toContain(chosen);
      expect(await header.textContent()).toContain(words.states.closed);
      const closedEntry = timeline.getByRole('listitem').first();
      await expect
        .poll(() => closedEntry.getByRole('heading', { level: 3 }).textContent())
        .toContain(words.events.closed);
      expect(await closedEntry.textContent()).toContain('Ha encontrado trabajo.');
      // Nothing new is recorded in a closed case file.
      await page.getByText(words.intervention.closed).waitFor();
      expect(await page.getByRole('button', { name: words.intervention.submit }).count()).toBe(0);
      await checkPage(page, 'case-files-closed-es');

      // Reopening says why, in the professional's words.
      await page.getByRole('button', { name: words.actions.reopen }).click();
      const reopening = page.getByRole('dialog', {
        name: fill(words.reopen.title, { number: created.number }),
      });
      await reopening
        .getByRole('textbox', { name: words.reopen.reason })
        .fill('La persona vuelve a pedir ayuda.');
      await reopening.getByRole('button', { name: words.reopen.submit }).click();
      await page.getByText(words.notices.reopened).waitFor();
      const reopenedEntry = timeline.getByRole('listitem').first();
      await expect
        .poll(() => reopenedEntry.getByRole('heading', { level: 3 }).textContent())
        .toContain(words.events.reopened);
      expect(await reopenedEntry.textContent()).toContain('La persona vuelve a pedir ayuda.');
      await page.getByRole('button', { name: words.intervention.submit }).waitFor();

      // The header: another professional assigned.
      await page
        .getByRole('link', { name: fill(words.actions.editNamed, { number: created.number }) })
        .click();
      await expectHeading(page, fill(words.edit.title, { number: created.number }));
      await page
        .getByRole('group', { name: words.fields.assigned })
        .getByRole('checkbox', { name: 'Núria Casas Font' })
        .check();
      await checkPage(page, 'case-files-edit-es');
      await page.getByRole('button', { name: text.forms.saveChanges }).click();
      await expectHeading(page, fill(words.page.title, { number: created.number }));
      await page.getByText(words.notices.saved).waitFor();
      expect(await header.textContent()).toContain('Núria Casas Font');
      expect(await storedDrafts(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('who sees what of a case file', () => {
  it('shows the technical administrator the header and members, never the interventions', async () => {
    const secret = 'Confidential words of an interview.';
    const created = await caseFileWithInterview(secret);
    const words = TEXTS.en.caseFiles;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    const contentRequests: string[] = [];
    page.on('request', (request) => {
      if (
        /\/(interventions|timeline|demands|problems|resources|procedures|plans)\b/.test(
          request.url(),
        )
      ) {
        contentRequests.push(request.url());
      }
    });
    try {
      await signIn(page, { username: 'tech-admin' }, `/case-files/${created.id}`);
      await expectHeading(page, fill(words.page.title, { number: created.number }));
      const header = page.getByRole('region', { name: words.page.header });
      expect(await header.textContent()).toContain(API_HOLDER.name);
      await page.getByRole('region', { name: words.members.title }).waitFor();
      await page.getByText(words.page.contentHidden).waitFor();
      expect(
        await page.getByRole('heading', { name: words.timeline.title, exact: true }).count(),
      ).toBe(0);
      expect(
        await page.getByRole('heading', { name: words.intervention.title, exact: true }).count(),
      ).toBe(0);
      expect(await page.getByText(secret).count()).toBe(0);
      expect(contentRequests).toEqual([]);
      await checkPage(page, 'case-files-header-only-en');

      // A case file that does not exist (or is out of reach): the console's not-found page.
      await page.goto('/case-files/00000000-0000-4000-8000-000000000000');
      await expectHeading(page, TEXTS.en.notFound.title);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
