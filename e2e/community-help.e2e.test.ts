import { describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * The operators' help requests on the shared demo server (issue 22): two requests typed after
 * phone calls wait for the import; the operator imports them ("Import requests" says how many),
 * finds the real one in the table, opens it and sees the person record with a similar name and the
 * same phone suggested, links it; then deletes the bogus one with a reason (the green "Delete
 * request"), and it leaves the table.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

describe('the operators’ help requests', () => {
  it('an operator imports a request, sees the suggested person, and deletes a bogus one with a reason', async () => {
    const text = TEXTS.ca;
    const surname = uniqueWord();
    const phone = `6${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technician.call<{ items: { id: string; name: string }[] }>(
        'GET',
        '/api/municipalities',
      ),
      200,
      'list municipalities',
    );
    const municipalityId = places.items[0]!.id;
    const person = expectStatus(
      await technician.call<{ id: string }>('POST', '/api/persons', {
        givenName: 'Rosa',
        firstSurname: surname,
        secondSurname: 'Vidal',
        mobilePhone: phone,
        municipalityId,
      }),
      201,
      'record the person',
    );
    const personName = `Rosa ${surname} Vidal`;

    const operator = await apiLogin(baseUrl, { username: 'operator' });
    const form = (name: string, description: string) => ({
      name,
      phone: `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`,
      email: '',
      address: 'Carrer Major 12',
      municipalityId,
      helpType: 'shopping',
      when: 'asap',
      urgency: 'high',
      description,
      language: 'ca',
      consent: true,
    });
    const real = expectStatus(
      await operator.call<{ reference: string }>(
        'POST',
        '/api/help-requests/entries',
        form(`Rosa ${surname}`, 'Needs the shopping brought home.'),
      ),
      201,
      'enter the real request',
    );
    const bogus = expectStatus(
      await operator.call<{ reference: string }>(
        'POST',
        '/api/help-requests/entries',
        form(`Zzz ${uniqueWord()}`, 'A test call.'),
      ),
      201,
      'enter the bogus request',
    );

    const { context, page, pageErrors } = await suite.openAs(
      { username: 'operator' },
      { locale: 'ca', path: '/help-requests' },
    );
    try {
      await expectHeading(page, text.communityHelp.title);
      await page.getByRole('button', { name: text.communityHelp.import }).click();
      const notice = page.getByRole('status');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/\d+/);
      const imported = Number(/(\d+)/.exec((await notice.textContent()) ?? '')![1]);
      expect(imported).toBeGreaterThanOrEqual(2);

      // The real request, in the table (newest first), opened from its reference.
      await page.getByRole('link', { name: real.reference }).click();
      await expectHeading(
        page,
        fill(text.communityHelp.request.title, { reference: real.reference }),
      );
      const suggestions = page.getByRole('list', { name: text.communityHelp.person.suggestions });
      await suggestions.waitFor();
      const suggested = suggestions.getByRole('listitem').filter({ hasText: personName });
      expect(await suggested.getByRole('link', { name: personName }).getAttribute('href')).toBe(
        `/persons/${person.id}`,
      );
      await expect
        .poll(() => suggested.textContent())
        .toContain(text.communityHelp.person.samePhone);
      await checkPage(page, 'help-request-ca');
      await suggested
        .getByRole('button', { name: fill(text.communityHelp.person.link, { name: personName }) })
        .click();
      await page.getByText(fill(text.communityHelp.person.linked, { name: personName })).waitFor();

      // The bogus one: deleted with a reason.
      await page.getByRole('link', { name: text.communityHelp.request.back }).click();
      await expectHeading(page, text.communityHelp.title);
      await page.getByRole('link', { name: bogus.reference }).click();
      await expectHeading(
        page,
        fill(text.communityHelp.request.title, { reference: bogus.reference }),
      );
      await page.getByRole('button', { name: text.communityHelp.delete.button }).click();
      const dialog = page.getByRole('dialog', { name: text.communityHelp.delete.title });
      await dialog.waitFor();
      await checkPage(page, 'help-request-delete-ca');
      await dialog.getByLabel(text.communityHelp.delete.reason).fill('Trucada de prova');
      await dialog.getByRole('button', { name: text.communityHelp.delete.proceed }).click();
      await page.getByText(text.communityHelp.delete.done).waitFor();
      await page
        .getByText(
          fill(text.communityHelp.request.deletedInfo, {
            name: 'x',
            date: 'x',
            reason: 'Trucada de prova',
          }).replace(/^.*Motiu: /, 'Motiu: '),
        )
        .waitFor();

      // Out of the working list.
      await page.getByRole('link', { name: text.communityHelp.request.back }).click();
      await page.getByRole('link', { name: real.reference }).waitFor();
      await expect.poll(() => page.getByRole('link', { name: bogus.reference }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
