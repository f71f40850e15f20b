import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, signIn, TEXTS } from './browser';
import { apiLogin, expectStatus, unique } from './identity-api';
import type { ApiSession } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The administrator keeps the entity's catalogues: adds an entry in the four languages, retires
 * one that a record uses (it is then no longer offered, and cannot be deleted), deletes one no
 * record uses. The entries are the test's own, so that the demo's catalogues stay as they are
 * for the other browser tests; a technician's demand of its own case file puts one in use.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;
const text = TEXTS.ca;
const words = text.organization.catalogues;

let admin: ApiSession;
let tech: ApiSession;
/** A case file of the technician's own, and its holder, to record a demand in. */
let file: { id: string; holderId: string };

beforeAll(async () => {
  admin = await apiLogin(baseUrl, { username: 'administrator' });
  tech = await apiLogin(baseUrl, { username: 'tech-ssb' });
  const places = expectStatus(
    await tech.call<{ items: { id: string; name: string }[] }>('GET', '/api/municipalities'),
    200,
    'municipalities',
  );
  const person = expectStatus(
    await tech.call<{ id: string }>('POST', '/api/persons', {
      givenName: 'Catàleg',
      firstSurname: `Prova${unique()}`,
      municipalityId: places.items[0]!.id,
    }),
    201,
    'a person',
  );
  const created = expectStatus(
    await tech.call<{ id: string }>('POST', '/api/case-files', {
      personId: person.id,
      scope: 'ssb',
    }),
    201,
    'a case file',
  );
  file = { id: created.id, holderId: person.id };
});

/** A field by its label, required or not (the asterisk is not part of the name). */
const field = (scope: Page | Locator, name: string) =>
  scope.getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));

/** The technician's picker, as the case-file forms read it. */
async function pickerEntry(id: string) {
  const answer = await tech.call<{ items: { id: string; active: boolean }[] }>(
    'GET',
    '/api/catalogues/demand',
  );
  return expectStatus(answer, 200, 'the picker').items.find((item) => item.id === id);
}

describe('catalogue administration', () => {
  it('adds an entry in four languages, retires it once in use, deletes an unused one', async () => {
    const suffix = unique();
    const labels = {
      ca: `Pobresa energètica ${suffix}`,
      es: `Pobreza energética ${suffix}`,
      it: `Povertà energetica ${suffix}`,
      en: `Energy poverty ${suffix}`,
    };
    const code = `e2e_${suffix}`;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'administrator' });
      await page
        .getByRole('navigation', { name: text.navigation.label })
        .getByRole('link', { name: text.navigation.sections.organization })
        .click();
      await page
        .getByRole('navigation', { name: text.organization.tabs.label })
        .getByRole('link', { name: text.organization.tabs.catalogues })
        .click();
      await expectHeading(page, words.title);
      await page
        .getByLabel(words.choose, { exact: true })
        .selectOption({ label: words.names.demand });
      await page.waitForURL(/catalogue=demand/);
      const listTitle = fill(words.listTitle, { catalogue: words.names.demand });
      await page.getByRole('heading', { name: listTitle }).waitFor();
      await page.getByRole('row', { name: /home_care/ }).waitFor();

      // A code that is not one is said next to its field; then the entry goes in.
      await field(page, words.code).fill('Pobresa Energètica');
      await page.getByRole('button', { name: words.add }).click();
      await page.getByText(words.errors.code).waitFor();
      await field(page, words.code).fill(code);
      for (const language of ['ca', 'es', 'it', 'en'] as const) {
        await field(page, words.labels[language]).fill(labels[language]);
      }
      await field(page, words.officialCode).fill('D-99');
      await page.getByRole('button', { name: words.add }).click();
      await page.getByText(fill(text.organization.saved, { name: labels.ca })).waitFor();
      const row = page.getByRole('row', { name: new RegExp(code) });
      for (const label of Object.values(labels)) await row.getByText(label).waitFor();
      await row.getByText(words.usesNone).waitFor();
      await checkPage(page, 'catalogues-demand-ca');

      // A technician records a demand of it: in use, it may be retired but not deleted.
      const listed = await admin.call<{ items: { id: string; code: string }[] }>(
        'GET',
        '/api/catalogues/demand/entries',
      );
      const entry = expectStatus(listed, 200, 'the entries').items.find((e) => e.code === code)!;
      expect((await pickerEntry(entry.id))?.active).toBe(true);
      expectStatus(
        await tech.call('POST', `/api/case-files/${file.id}/demands`, {
          typeId: entry.id,
          personId: file.holderId,
          requestedOn: new Date().toISOString().slice(0, 10),
        }),
        201,
        'a demand of the new entry',
      );
      await page.reload();
      await row.getByText(words.usesFew).waitFor();
      expect(
        await row
          .getByRole('button', { name: fill(text.forms.deleteNamed, { name: labels.ca }) })
          .count(),
      ).toBe(0);
      await row.getByRole('button', { name: fill(words.retireNamed, { name: labels.ca }) }).click();
      await page.getByText(fill(words.retiredNotice, { name: labels.ca })).waitFor();
      await row.getByText(words.retired).waitFor();
      await row
        .getByRole('button', { name: fill(words.reinstateNamed, { name: labels.ca }) })
        .waitFor();
      expect(
        await row
          .getByRole('button', { name: fill(text.forms.deleteNamed, { name: labels.ca }) })
          .count(),
      ).toBe(0);
      expect((await pickerEntry(entry.id))?.active).toBe(false);
      await checkPage(page, 'catalogues-retired-ca');

      // An entry no record uses: deleted, after the question.
      const spare = `e2e_spare_${suffix}`;
      const spareName = `Sobrera ${suffix}`;
      expectStatus(
        await admin.call('POST', '/api/catalogues/demand/entries', {
          code: spare,
          labels: { ca: spareName, es: spareName, it: spareName, en: spareName },
        }),
        201,
        'an unused entry',
      );
      await page.reload();
      const spareRow = page.getByRole('row', { name: new RegExp(spare) });
      await spareRow
        .getByRole('button', { name: fill(text.forms.deleteNamed, { name: spareName }) })
        .click();
      await spareRow.getByRole('button', { name: text.forms.deleteConfirm }).click();
      await page.getByText(fill(text.organization.deleted, { name: spareName })).waitFor();
      await spareRow.waitFor({ state: 'detached' });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
