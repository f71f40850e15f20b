import { describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Candidate duplicates on the shared demo server: a technician records the same woman twice (the
 * second time without accents); the coordinator of the team finds the pair from the persons'
 * search, sees why the two records look alike, and says they are not the same person — the pair
 * is then not listed again.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

describe('likely duplicate records', () => {
  it('a coordinator sees a planted pair with its reasons and dismisses it as not the same person', async () => {
    const text = TEXTS.ca;
    const surname = uniqueWord();
    const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technician.call<{ items: { id: string; name: string }[] }>(
        'GET',
        '/api/municipalities',
      ),
      200,
      'list municipalities',
    );
    const vilanova = places.items.find((m) => m.name === 'Vilanova de la Serra')!;
    const record = (givenName: string) =>
      technician.call<{ id: string }>('POST', '/api/persons', {
        givenName,
        firstSurname: surname,
        secondSurname: 'Vidal',
        birthDate: '1972-05-09',
        municipalityId: vilanova.id,
      });
    const first = expectStatus(await record('Mònica'), 201, 'record Mònica');
    const second = expectStatus(await record('Monica'), 201, 'record Monica');
    const names = {
      first: `Mònica ${surname} Vidal`,
      second: `Monica ${surname} Vidal`,
    };
    const pairName = fill(text.duplicates.pair, names);

    const { context, page, pageErrors } = await suite.openAs(
      { username: 'coordinator' },
      { locale: 'ca', path: '/persons' },
    );
    /** Every page of the list (the demo's other pairs may come first). */
    const loadAllPages = async () => {
      const more = page.getByRole('button', { name: text.duplicates.more });
      while (await more.isVisible()) {
        await more.click();
        await page
          .getByRole('button', { name: text.duplicates.loadingMore })
          .waitFor({ state: 'detached' });
      }
    };
    try {
      await expectHeading(page, text.persons.title);
      // The coordinator's way in: a link on the persons' search page.
      await page.getByRole('link', { name: text.duplicates.link }).click();
      await expectHeading(page, text.duplicates.title);
      await page.getByText(text.duplicates.mergeNote).waitFor();

      // The pair, side by side: links to both records and why they look alike.
      await page.locator('.duplicates-page ul').first().waitFor();
      const pair = page.getByRole('listitem', { name: pairName });
      await loadAllPages();
      await pair.waitFor();
      expect(await pair.getByRole('link').allTextContents()).toEqual([names.first, names.second]);
      expect(await pair.getByRole('link', { name: names.first }).getAttribute('href')).toBe(
        `/persons/${first.id}`,
      );
      expect(await pair.getByRole('link', { name: names.second }).getAttribute('href')).toBe(
        `/persons/${second.id}`,
      );
      const reasons = await pair.getByRole('listitem').allTextContents();
      expect(reasons).toEqual([
        text.duplicates.reasons.same_birth_date,
        text.duplicates.reasons.same_name_except_accents,
      ]);
      await pair.scrollIntoViewIfNeeded();
      await checkPage(page, 'duplicates-list-ca');

      // "Not the same person", asked before it acts.
      const dismissals: number[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/api/persons/duplicates/dismissals') {
          dismissals.push(response.status());
        }
      });
      await pair
        .getByRole('button', { name: fill(text.duplicates.notSameNamed, { pair: pairName }) })
        .click();
      await pair.getByText(text.duplicates.notSameQuestion).waitFor();
      expect(dismissals).toEqual([]);
      await pair.getByRole('button', { name: text.duplicates.notSameConfirm }).click();
      await pair.getByRole('status').getByText(text.duplicates.dismissed).waitFor();
      expect(dismissals).toEqual([204]);
      // The focus goes to the way back.
      const undo = pair.getByRole('button', {
        name: fill(text.duplicates.undoNamed, { pair: pairName }),
      });
      await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
      await checkPage(page, 'duplicates-dismissed-ca');

      // Remembered: read again, the pair is not listed.
      const reread = page.waitForResponse(
        (response) => new URL(response.url()).pathname === '/api/persons/duplicates',
      );
      await page.reload();
      expect((await reread).status()).toBe(200);
      await expectHeading(page, text.duplicates.title);
      await page
        .locator('.duplicates-page ul')
        .first()
        .or(page.getByText(text.duplicates.none))
        .waitFor();
      await loadAllPages();
      expect(await page.getByRole('listitem', { name: pairName }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
