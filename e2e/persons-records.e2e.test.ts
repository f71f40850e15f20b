import { describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, signIn, storedDrafts, TEXTS } from './browser';
import { apiLogin, dni, expectStatus } from './identity-api';
import { MARIA, openSearch, search, uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Person records on the shared demo server: creating one after the duplicate warning, editing
 * when someone else saved first, who may do what, and the administrator's data access report.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

describe('creating and editing a person', () => {
  it('warns of a likely duplicate before saving, and opens it instead', async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, 'en');
      expect(await search(page, 'en', 'Maria Garcia Lopez')).toContain(MARIA.name);
      // Creating starts from the search: what was typed fills the form in.
      await page.getByRole('link', { name: text.persons.search.create }).click();
      await expectHeading(page, text.persons.new.title);
      expect(await page.getByLabel(text.persons.fields.givenName).inputValue()).toBe('Maria');
      expect(await page.getByLabel(text.persons.fields.firstSurname).inputValue()).toBe('Garcia');
      expect(await page.getByLabel(text.persons.fields.secondSurname).inputValue()).toBe('Lopez');
      await page.getByLabel(text.persons.fields.birthDate).fill(MARIA.birthDate);
      await page
        .getByRole('combobox', { name: text.persons.fields.municipalityId, exact: true })
        .selectOption({ label: 'Vilanova de la Serra' });

      const creations: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/persons') {
          creations.push(request.url());
        }
      });
      // The warning shows beside the identification as soon as name and birth date are in,
      // before saving; pressing save then leads to it.
      const warning = page.getByRole('region', { name: text.persons.duplicates.title });
      await warning.waitFor();
      await page.getByRole('button', { name: text.persons.new.submit }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe(text.persons.duplicates.title);
      const candidate = warning.getByRole('listitem').filter({ hasText: MARIA.name });
      expect(await candidate.textContent()).toContain(
        text.persons.duplicates.reasons.similar_name_same_birth_date,
      );
      expect(await candidate.textContent()).toContain(MARIA.document);
      expect(creations).toEqual([]);
      await checkPage(page, 'persons-duplicate-warning-en');

      await warning
        .getByRole('link', { name: fill(text.persons.duplicates.openNamed, { name: MARIA.name }) })
        .click();
      await expectHeading(page, MARIA.name);
      expect(creations).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('explains a wrong DNI next to the field, catches a taken document, and creates a new person', async () => {
    const text = TEXTS.es;
    const surname = uniqueWord();
    const name = `Ona ${surname} i Riba`;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await openSearch(page, 'es');
      expect(await search(page, 'es', `Ona ${surname}`)).toEqual([]);
      const empty = page.locator('.person-results__empty');
      await empty.getByText(fill(text.persons.search.empty, { q: `Ona ${surname}` })).waitFor();
      await empty.getByRole('link', { name: text.persons.search.create }).click();
      await expectHeading(page, text.persons.new.title);
      await page.getByLabel(text.persons.fields.secondSurname).fill('i Riba');
      await page.getByLabel(text.persons.fields.birthDate).fill('1984-07-21');
      await page
        .getByRole('combobox', { name: text.persons.fields.municipalityId, exact: true })
        .selectOption({ label: 'Santa Coloma del Riu' });
      // The referent: the technician themself or no one; a coordinator of the team assigns another.
      const referent = page.getByRole('combobox', { name: text.persons.fields.referentId });
      await referent.locator('option').nth(1).waitFor({ state: 'attached' });
      expect(await referent.locator('option').count()).toBe(2);
      await page.getByText(text.persons.hints.referentSelf).waitFor();

      // A wrong check letter: said next to the field as soon as it is left, the value kept.
      await page.getByLabel(text.persons.fields.documentType).selectOption('dni');
      const documentNumber = page.getByLabel(text.persons.fields.documentNumber);
      await documentNumber.fill('12345678A');
      await documentNumber.blur();
      const error = page.locator(`[id="${await documentNumber.getAttribute('id')}-error"]`);
      expect(await error.textContent()).toBe(text.persons.validation.dni_check_letter);
      expect(await documentNumber.getAttribute('aria-invalid')).toBe('true');
      expect(await documentNumber.inputValue()).toBe('12345678A');
      await checkPage(page, 'persons-form-error-es');
      // Saving is refused on the spot, and the focus goes to the field.
      await page.getByRole('button', { name: text.persons.new.submit }).click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
        'documentNumber',
      );

      // Someone else's document: the warning names its holder before anything is saved.
      // Shown as soon as the document is typed, without pressing save.
      await documentNumber.fill(MARIA.document);
      expect(await error.count()).toBe(0);
      const warning = page.getByRole('region', { name: text.persons.duplicates.title });
      await warning.waitFor();
      expect(await warning.textContent()).toContain(text.persons.duplicates.reasons.same_document);
      expect(await warning.textContent()).toContain(MARIA.name);
      // No dead end: the same document cannot be saved twice, so only opening theirs is offered.
      expect(
        await warning.getByRole('button', { name: text.persons.duplicates.saveAnyway }).count(),
      ).toBe(0);
      expect(await page.getByRole('button', { name: text.persons.new.submit }).count()).toBe(0);
      await warning
        .getByRole('link', { name: fill(text.persons.duplicates.openNamed, { name: MARIA.name }) })
        .waitFor();

      // Their own document: nothing alike, the record is created and opens.
      await documentNumber.fill(dni(Math.floor(Math.random() * 90_000_000) + 5_000_000));
      await warning.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: text.persons.new.submit }).click();
      await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
      await expectHeading(page, name);
      await page.getByText(text.persons.notices.created).waitFor();
      await checkPage(page, 'persons-created-es');

      // And the search finds it.
      await openSearch(page, 'es');
      expect(await search(page, 'es', `${surname} ona`)).toEqual([name]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('keeps what was typed when someone else saved first, and saves it after a reload', async () => {
    const text = TEXTS.en;
    const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technician.call<{ items: { id: string; name: string }[] }>(
        'GET',
        '/api/municipalities',
      ),
      200,
      'list municipalities',
    );
    const surname = uniqueWord();
    const created = expectStatus(
      await technician.call<{ id: string; version: number }>('POST', '/api/persons', {
        givenName: 'Bernat',
        firstSurname: surname,
        birthDate: '1991-05-02',
        municipalityId: places.items[0]!.id,
      }),
      201,
      'create a person',
    );
    const name = `Bernat ${surname}`;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'tech-ssb' });
      await page.goto(`/persons/${created.id}/edit`);
      await expectHeading(page, fill(text.persons.edit.title, { name }));
      // Meanwhile, someone else changes the address.
      expectStatus(
        await technician.call('PATCH', `/api/persons/${created.id}`, {
          version: created.version,
          address: 'Carrer Nou, 7',
        }),
        200,
        'change the address',
      );
      const mobile = page.getByLabel(text.persons.fields.mobilePhone);
      await mobile.fill('600 123 456');
      await page.getByRole('button', { name: text.forms.saveChanges }).click();
      const stale = page.getByRole('alert').filter({ hasText: text.persons.form.staleKept });
      await stale.waitFor();
      expect(await mobile.inputValue()).toBe('600 123 456');
      await checkPage(page, 'persons-stale-en');

      await stale.getByRole('button', { name: text.persons.form.reload }).click();
      const reloaded = page.getByRole('status').filter({ hasText: text.persons.form.reloaded });
      await reloaded.waitFor();
      expect(await reloaded.getByRole('listitem').allTextContents()).toEqual([
        text.persons.fields.address,
      ]);
      expect(await mobile.inputValue()).toBe('600 123 456');
      expect(await page.getByLabel(text.persons.fields.address, { exact: true }).inputValue()).toBe(
        'Carrer Nou, 7',
      );
      await page.getByRole('button', { name: text.forms.saveChanges }).click();
      await expectHeading(page, name);
      await page.getByText(text.persons.notices.saved).waitFor();
      const details = (await page.locator('.person-details').textContent()) ?? '';
      expect(details).toContain('600 123 456');
      expect(details).toContain('Carrer Nou, 7');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('who may do what with persons', () => {
  it('lets the administrative assistant search and create, and the operator only search', async () => {
    const text = TEXTS.ca;
    for (const [username, mayCreate] of [
      ['aux-admin', true],
      ['operator', false],
    ] as const) {
      const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
      try {
        await signIn(page, { username });
        await openSearch(page, 'ca');
        expect(await search(page, 'ca', 'Garica Lopez')).toContain(MARIA.name);
        const create = page.getByRole('link', { name: text.persons.search.create });
        expect(await create.count()).toBe(mayCreate ? 1 : 0);
        await page.getByRole('link', { name: MARIA.name }).click();
        await expectHeading(page, MARIA.name);
        const edit = page.getByRole('link', {
          name: fill(text.forms.editNamed, { name: MARIA.name }),
        });
        expect(await edit.count()).toBe(mayCreate ? 1 : 0);
        if (!mayCreate) {
          await page.goto('/persons/new');
          await expectHeading(page, text.notFound.title);
          // A record that does not exist (or is out of reach): the console's not-found page.
          await page.goto('/persons/00000000-0000-4000-8000-000000000000');
          await expectHeading(page, text.notFound.title);
        }
      } finally {
        await context.close();
      }
    }
  });

  it("gives the administrator no persons, but the data subject's access report", async () => {
    const text = TEXTS.ca;
    // tech-ssb reads María's record: the report must name that consultation.
    const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
    const found = expectStatus(
      await technician.call<{ items: { id: string }[] }>('GET', `/api/persons?q=${MARIA.document}`),
      200,
      'search María',
    );
    const mariaId = found.items[0]!.id;
    expectStatus(await technician.call('GET', `/api/persons/${mariaId}`), 200, 'read María');

    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'administrator' });
      expect(await page.getByRole('link', { name: text.navigation.sections.persons }).count()).toBe(
        0,
      );
      await page.goto('/persons');
      await expectHeading(page, text.notFound.title);

      await page.goto('/audit');
      await expectHeading(page, text.audit.title);
      await page.getByRole('link', { name: text.audit.personReport.open }).click();
      await expectHeading(page, text.audit.personReport.title);
      await page.getByLabel(text.audit.personReport.lookup.labels.document).fill('12345678z');
      const lookup = page.waitForResponse((response) =>
        response.url().includes('/api/audit/person-lookup'),
      );
      await page.getByRole('button', { name: text.audit.personReport.lookup.submit }).click();
      // Identification only: the answer holds nothing of the contact or housing.
      const identified = (await (await lookup).json()) as { items: Record<string, unknown>[] };
      expect(Object.keys(identified.items[0] ?? {}).sort()).toEqual([
        'birthDate',
        'documentNumber',
        'documentType',
        'firstSurname',
        'givenName',
        'id',
        'secondSurname',
        'status',
      ]);
      await page
        .getByRole('button', {
          name: fill(text.audit.personReport.results.chooseNamed, { name: MARIA.name }),
        })
        .click();
      const report = page.locator('.access-report');
      await report.waitFor();
      await page.waitForURL((url) => url.searchParams.get('person') === mariaId);
      const readByTechnician = report
        .locator('tbody tr')
        .filter({ hasText: 'Marta Puig Serra' })
        .filter({ hasText: text.audit.actions.person.read_basic });
      expect(await readByTechnician.count()).toBeGreaterThan(0);
      await checkPage(page, 'persons-access-report-ca');

      // Print: the browser's dialog, and a page without the console around the report.
      await page.evaluate(() => {
        window.print = () => document.body.setAttribute('data-printed', 'yes');
      });
      await page.getByRole('button', { name: text.audit.personReport.print }).click();
      expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.topbar').isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: text.navigation.label }).isVisible()).toBe(
        false,
      );
      expect(await report.isVisible()).toBe(true);
      await checkPage(page, 'persons-access-report-print-ca');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('never losing typed work', () => {
  it('asks before leaving, keeps an encrypted draft through a reload and an ended session, and drops it at sign-out', async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    const surname = uniqueWord();
    const drafts = () => storedDrafts(page);
    const givenName = page.getByLabel(text.persons.fields.givenName);
    try {
      await signIn(page, { username: 'tech-ssb' }, '/persons/new');
      await expectHeading(page, text.persons.new.title);
      await givenName.fill('Draftina');
      await page.getByLabel(text.persons.fields.firstSurname).fill(surname);
      // The draft is written shortly after typing, and only as ciphertext.
      await expect.poll(async () => (await drafts()).length).toBe(1);
      const [stored] = await drafts();
      expect(stored).not.toContain('Draftina');
      expect(stored).not.toContain(surname);

      // Leaving through the console asks first; staying keeps everything.
      await page.getByRole('link', { name: text.persons.back }).click();
      const leave = page.getByRole('dialog', { name: text.drafts.leaveTitle });
      await leave.waitFor();
      await checkPage(page, 'persons-leave-unsaved-en');
      await leave.getByRole('button', { name: text.drafts.stay }).click();
      await leave.waitFor({ state: 'hidden' });
      expect(await givenName.inputValue()).toBe('Draftina');

      // A reload: the form opens empty and offers the draft back.
      await page.reload();
      await expectHeading(page, text.persons.new.title);
      const offer = page.getByRole('status').filter({ hasText: text.drafts.offerTitle });
      await offer.waitFor();
      await checkPage(page, 'persons-draft-offer-en');
      await offer.getByRole('button', { name: text.drafts.restore }).click();
      expect(await givenName.inputValue()).toBe('Draftina');
      expect(await page.getByLabel(text.persons.fields.firstSurname).inputValue()).toBe(surname);

      // The session ends (on the server: the cookie is gone); signing in again brings the form
      // back, and the draft with it.
      await givenName.fill('Draftina Maria');
      await expect.poll(async () => (await drafts())[0]).not.toBe(stored);
      await context.clearCookies();
      await page.getByRole('button', { name: text.support.button }).click();
      await page.waitForURL('**/login');
      await page.locator('input[name="entity"]').fill('demo');
      await page.locator('input[name="username"]').fill('tech-ssb');
      await page.locator('input[name="password"]').fill('caliu-demo');
      await page.getByRole('button', { name: text.auth.submit }).click();
      await expectHeading(page, text.persons.new.title);
      await offer.getByRole('button', { name: text.drafts.restore }).click();
      expect(await givenName.inputValue()).toBe('Draftina Maria');

      // Another user's keys do not open it.
      const other = await page.context().request.post('/api/auth/login', {
        data: { entity: 'demo', username: 'coordinator', password: 'caliu-demo' },
      });
      expect(other.status()).toBe(200);
      const keys = (await (await page.context().request.get('/api/me/draft-keys')).json()) as {
        current: { key: string };
      };
      const opened = await page.evaluate(
        async ({ key, stored: draft }) => {
          const raw = Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
            c.charCodeAt(0),
          );
          const crypto = window.crypto.subtle;
          const aes = await crypto.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
          const { iv, data } = JSON.parse(draft) as { iv: string; data: string };
          const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          try {
            await crypto.decrypt(
              {
                name: 'AES-GCM',
                iv: bytes(iv),
                additionalData: new TextEncoder().encode('person:new'),
              },
              aes,
              bytes(data),
            );
            return true;
          } catch {
            return false;
          }
        },
        { key: keys.current.key, stored: (await drafts())[0]! },
      );
      expect(opened).toBe(false);

      // Signing out leaves no draft in the browser.
      await page.reload();
      await page.getByRole('button', { name: text.auth.signOut }).click();
      await page.waitForURL('**/login');
      expect(await drafts()).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
