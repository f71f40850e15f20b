import { describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, pageOverflowsSideways, signIn, TEXTS } from './browser';
import type { Lang } from './browser';
import { EDITED, focusedText, MARIA, openSearch, search, searchRequests } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Searching persons on the shared demo server: as you type, in any order, with a typo, from the
 * keyboard; opening and editing a person; the pages in other languages and on a tablet.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

describe('searching persons', () => {
  it('finds them as you type, in any order, with a typo or without accents', async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, 'en');
      // The box has the focus: the professional types at once.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('q');

      // Typed fast: the box waits for a pause, so the server is asked once, not per letter.
      const sent = searchRequests(page);
      await page.keyboard.type('Garica Lopez', { delay: 20 });
      await page.waitForURL((url) => url.searchParams.get('q') === 'Garica Lopez');
      await page.locator('.person-results').waitFor();
      expect(sent.length).toBeLessThanOrEqual(2);
      expect(new URL(sent.at(-1)!.url()).searchParams.get('q')).toBe('Garica Lopez');
      expect(await search(page, 'en', 'Garica Lopez')).toContain(MARIA.name);

      expect(await search(page, 'en', 'lopez garcia')).toContain(MARIA.name);
      expect(await search(page, 'en', 'garcia lopez')).toContain(MARIA.name);
      expect(await search(page, 'en', 'Nuria Puig')).toContain('Núria Puig i Vidal');
      expect(await search(page, 'en', 'Xavier Marti')).toContain('Xavier Martí');
      expect(await search(page, 'en', MARIA.document)).toEqual([MARIA.name]);
      await page
        .locator('.person-result')
        .filter({ hasText: text.persons.match.document })
        .waitFor();
      // A wrong check letter: her number finds her, and the page says which letter it should be.
      expect(await search(page, 'en', '12345678a')).toEqual([MARIA.name]);
      const wrong = { typed: '12345678A', expected: 'Z', number: '12345678' };
      await page.getByText(fill(text.persons.search.wrongCheckLetter, wrong)).waitFor();
      // Nobody has the number either: the empty answer says why.
      expect(await search(page, 'en', '87654321A')).toEqual([]);
      const nobody = { typed: '87654321A', expected: 'X', number: '87654321' };
      await page.getByText(fill(text.persons.search.wrongCheckLetterNobody, nobody)).waitFor();
      expect(await search(page, 'en', MARIA.document)).toEqual([MARIA.name]);
      expect(await page.locator('.person-results__notice').count()).toBe(0);
      // A surname typed without its space.
      expect(await search(page, 'en', 'Elamrani')).toContain('Ahmed El Amrani');

      const names = await search(page, 'en', 'garcia lopez');
      await checkPage(page, 'persons-search-en');
      // The keyboard: down into the results, through them, back up to the box.
      const box = page.getByLabel(text.persons.search.label);
      await box.focus();
      await page.keyboard.press('ArrowDown');
      expect(await focusedText(page)).toContain(names[0]);
      await page.keyboard.press('ArrowDown');
      expect(await focusedText(page)).toContain(names[1]);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
      // Escape clears the search, and the address forgets it.
      await page.keyboard.press('Escape');
      expect(await box.inputValue()).toBe('');
      await page.waitForURL((url) => !url.searchParams.has('q'));

      // Enter opens the result that has the focus.
      await search(page, 'en', 'lopez garcia');
      await box.focus();
      await page.keyboard.press('ArrowDown');
      const first = (await page.locator('.person-result__name').first().textContent()) ?? '';
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
      await expectHeading(page, first);

      // Back returns to the same search, kept in the address.
      await page.goBack();
      await page.waitForURL((url) => url.searchParams.get('q') === 'lopez garcia');
      expect(await box.inputValue()).toBe('lopez garcia');
      await page.locator('.person-results').waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a person, edits the phone, and shows the change', async () => {
    const text = TEXTS.en;
    const phone = `6${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, 'en');
      expect(await search(page, 'en', EDITED.query)).toEqual([EDITED.name]);
      // A single match: Enter in the box opens it.
      await page.getByRole('searchbox', { name: text.persons.search.label }).press('Enter');
      await expectHeading(page, EDITED.name);

      await page
        .getByRole('link', { name: fill(text.forms.editNamed, { name: EDITED.name }) })
        .click();
      await expectHeading(page, fill(text.persons.edit.title, { name: EDITED.name }));
      const mobile = page.getByLabel(text.persons.fields.mobilePhone);
      await mobile.fill(phone);
      const saved = page.waitForResponse(
        (response) => response.request().method() === 'PATCH' && response.status() === 200,
      );
      await page.getByRole('button', { name: text.forms.saveChanges }).click();
      // Only what changed travels, with the version the form started from.
      const body = (await saved).request().postDataJSON() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['mobilePhone', 'version']);

      await expectHeading(page, EDITED.name);
      await page.getByText(text.persons.notices.saved).waitFor();
      const row = page.locator('.person-details__row').filter({
        has: page.getByText(text.persons.fields.mobilePhone, { exact: true }),
      });
      expect(await row.locator('dd').textContent()).toBe(phone);
      await page.reload();
      await expectHeading(page, EDITED.name);
      expect(await row.locator('dd').textContent()).toBe(phone);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the persons pages in other languages and on a tablet', () => {
  it.each<Lang>(['ca', 'it'])('read well and pass axe in %s', async (lang) => {
    const text = TEXTS[lang];
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, lang);
      expect(await search(page, lang, 'lopez garcia')).toContain(MARIA.name);
      await checkPage(page, `persons-search-${lang}`);

      // María's referent sees the full record: her history too.
      await page.getByRole('link', { name: MARIA.name }).click();
      await expectHeading(page, MARIA.name);
      await page.getByRole('heading', { name: text.persons.history.title }).waitFor();
      await page.locator('.person-history tbody tr').first().waitFor();
      await page.getByRole('heading', { name: text.persons.caseFiles.title }).waitFor();
      await checkPage(page, `persons-person-${lang}`);

      await page
        .getByRole('link', { name: fill(text.forms.editNamed, { name: MARIA.name }) })
        .click();
      await expectHeading(page, fill(text.persons.edit.title, { name: MARIA.name }));
      await checkPage(page, `persons-edit-${lang}`);

      // The duplicate warning, without saving anything.
      await page.goto(`/persons/new?q=${encodeURIComponent('Maria Garcia Lopez')}`);
      await expectHeading(page, text.persons.new.title);
      await page.getByLabel(text.persons.fields.birthDate).fill(MARIA.birthDate);
      await page
        .getByRole('combobox', { name: text.persons.fields.municipalityId, exact: true })
        .selectOption({ index: 1 });
      await page.getByRole('button', { name: text.persons.new.submit }).click();
      await page.getByRole('region', { name: text.persons.duplicates.title }).waitFor();
      await checkPage(page, `persons-duplicate-warning-${lang}`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a tablet held upright (768 px)', async () => {
    const text = TEXTS.es;
    const { context, page } = await suite.open({
      baseUrl,
      locale: 'es',
      viewport: { width: 768, height: 1024 },
    });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, 'es');
      expect(await search(page, 'es', 'garcia lopez')).toContain(MARIA.name);
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, 'persons-search-tablet-es');

      await page.getByRole('link', { name: text.persons.search.create }).click();
      await expectHeading(page, text.persons.new.title);
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, 'persons-form-tablet-es');

      await page.goBack();
      await page.getByRole('link', { name: MARIA.name }).click();
      await expectHeading(page, MARIA.name);
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, 'persons-person-tablet-es');
    } finally {
      await context.close();
    }
  });
});
