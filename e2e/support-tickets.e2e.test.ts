import { describe, expect, it } from 'vitest';
import { DEMO_DOMAIN, DEMO_TICKET } from '../server/src/demo/fixtures';
import { checkPage, fill, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * The floating button's requests, as the demo's basic-services technician makes them: a "new
 * professional" ticket (sent only once complete; the A/B/C category asked when the immigration
 * technician is ticked), then found in their tickets; and "delete person records", which is the
 * coordinator's task: the form names her. A server of its own: the ticket opened here must not
 * show in the other files' lists of the demo's tickets.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });

describe('the support button: new requests', () => {
  it('opens a "new professional" ticket once complete, and lists it', async () => {
    const text = TEXTS.en;
    const s = text.support;
    const { context, page, pageErrors } = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en' },
    );
    try {
      await page.getByRole('button', { name: s.button, exact: true }).click();
      const panel = page.getByRole('dialog', { name: s.title });
      await panel.getByRole('button', { name: s.newRequest }).click();
      // The seed's tasks, in words; the chosen one's heading takes the focus.
      await panel.getByRole('button', { name: s.choices.delete_persons }).waitFor();
      await checkPage(page, 'support-new-request-en');
      await panel.getByRole('button', { name: s.choices.new_professional }).click();
      const heading = panel.getByRole('heading', { name: s.choices.new_professional });
      await heading.waitFor();
      await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);

      const send = panel.getByRole('button', { name: s.form.send });
      expect(await send.isDisabled()).toBe(true);
      // Never a phone number: only whether the first-access link goes by SMS.
      expect(await panel.locator('input[type="tel"]').count()).toBe(0);
      await panel.getByRole('checkbox', { name: s.fields.firstAccessBySms }).waitFor();

      await panel.getByLabel(s.fields.givenName).fill('Laia');
      await panel.getByLabel(s.fields.surnames).fill('Vidal Roca');
      const documentNumber = panel.getByLabel(s.fields.documentNumber);
      await documentNumber.fill('87654321A');
      await documentNumber.blur();
      // The wrong letter shows beside its field, tied to it.
      const documentError = text.professionals.errors.document.dni;
      await panel.getByText(documentError).waitFor();
      expect(await documentNumber.getAttribute('aria-describedby')).toContain('error');
      await documentNumber.fill('87654321X');
      await panel.getByText(documentError).waitFor({ state: 'detached' });
      await panel.getByLabel(s.fields.email).fill(`laia.vidal@${DEMO_DOMAIN}`);

      // The A/B/C category appears only with the immigration technician.
      const category = panel.getByRole('group', { name: s.fields.costCategory });
      await panel.getByRole('checkbox', { name: text.roles.tech_ssb }).check();
      expect(await category.count()).toBe(0);
      await panel.getByRole('checkbox', { name: text.roles.tech_immigration }).check();
      await category.waitFor();
      await panel.getByLabel(s.fields.teamId).selectOption({ label: 'Equip Nord' });
      await panel.getByLabel(s.fields.sectorId).selectOption({ label: 'Sector Nord' });
      // Still incomplete: the category is missing.
      await panel.getByText(s.form.incomplete).waitFor();
      expect(await send.isDisabled()).toBe(true);
      await category.getByRole('radio', { name: fill(s.form.category, { category: 'B' }) }).check();

      // Complete and checked by the server: it may go.
      await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
      await checkPage(page, 'support-new-professional-en');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/support/tickets') && r.request().method() === 'POST',
      );
      await send.click();
      const response = await created;
      expect(response.status()).toBe(201);
      const ticket = (await response.json()) as { number: string; id: string };
      await panel.getByText(fill(s.sent.body, { number: ticket.number })).waitFor();

      // In "Your tickets", open ones first: the demo's ticket waiting for them on top, marked.
      await panel.getByRole('button', { name: s.form.backToTickets }).click();
      const list = panel.getByRole('region', { name: s.myTickets });
      const items = list.getByRole('listitem');
      const mine = items.filter({ hasText: ticket.number });
      await mine.waitFor();
      expect(await mine.textContent()).toContain(s.statuses.new);
      expect(await items.first().textContent()).toContain(s.waitingForYou);

      // Opened, it says what was asked, in words.
      await mine.getByRole('button').click();
      await panel.getByRole('heading', { name: new RegExp(ticket.number) }).waitFor();
      await panel.getByText(text.roles.tech_immigration, { exact: false }).first().waitFor();
      await checkPage(page, 'support-ticket-en');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("names the coordinator for a coordinator's task (delete person records), and hands it to her", async () => {
    const text = TEXTS.en;
    const s = text.support;
    const surname = uniqueWord();
    const name = `Pere ${surname} Vidal`;
    const technician = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technician.call<{ items: { id: string; name: string }[] }>(
        'GET',
        '/api/municipalities',
      ),
      200,
      'list municipalities',
    );
    expectStatus(
      await technician.call('POST', '/api/persons', {
        givenName: 'Pere',
        firstSurname: surname,
        secondSurname: 'Vidal',
        birthDate: '1980-01-02',
        municipalityId: places.items.find((m) => m.name === 'Vilanova de la Serra')!.id,
      }),
      201,
      'record Pere',
    );
    const { context, page, pageErrors } = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en' },
    );
    try {
      await page.getByRole('button', { name: s.button, exact: true }).click();
      const panel = page.getByRole('dialog', { name: s.title });
      await panel.getByRole('button', { name: s.newRequest }).click();
      await panel.getByRole('button', { name: s.choices.delete_persons }).click();
      await panel.getByText(s.coordinator.notSupport).waitFor();
      await panel.getByText(fill(s.coordinator.named, { names: 'Montse Riera Vila' })).waitFor();
      // Nothing chosen yet: nothing to send.
      const send = panel.getByRole('button', { name: s.coordinator.send });
      expect(await send.isDisabled()).toBe(true);
      await checkPage(page, 'support-coordinator-task-en');

      // A record found by name, chosen, and handed to her.
      await panel.getByLabel(s.fields.addPerson).fill(`${surname} Vidal`);
      await panel.getByRole('button', { name: fill(s.form.chooseNamed, { name }) }).click();
      await panel.getByRole('button', { name: fill(s.form.removeNamed, { name }) }).waitFor();
      await panel.getByLabel(s.form.noteForCoordinator).fill('Recorded twice by mistake.');
      await expect.poll(() => send.isEnabled()).toBe(true);
      await send.click();
      await panel.getByText(fill(s.coordinator.sent, { names: 'Montse Riera Vila' })).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks support to merge a pair of the duplicates list, the form filled with both', async () => {
    const text = TEXTS.en;
    const s = text.support;
    const surname = uniqueWord();
    const technician = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technician.call<{ items: { id: string; name: string }[] }>(
        'GET',
        '/api/municipalities',
      ),
      200,
      'list municipalities',
    );
    const vilanova = places.items.find((m) => m.name === 'Vilanova de la Serra')!;
    for (const givenName of ['Mònica', 'Monica']) {
      expectStatus(
        await technician.call('POST', '/api/persons', {
          givenName,
          firstSurname: surname,
          secondSurname: 'Vidal',
          birthDate: '1972-05-09',
          municipalityId: vilanova.id,
        }),
        201,
        `record ${givenName}`,
      );
    }
    const names = { first: `Mònica ${surname} Vidal`, second: `Monica ${surname} Vidal` };
    const pairName = fill(text.duplicates.pair, names);
    const { context, page, pageErrors } = await suite.openAs(
      { username: 'coordinator' },
      { locale: 'en', path: '/persons' },
    );
    try {
      await page.getByRole('link', { name: text.duplicates.link }).click();
      const pair = page.getByRole('listitem', { name: pairName });
      const more = page.getByRole('button', { name: text.duplicates.more });
      await page.locator('.duplicates-page ul').first().waitFor();
      while (!(await pair.isVisible()) && (await more.isVisible())) {
        await more.click();
        await page
          .getByRole('button', { name: text.duplicates.loadingMore })
          .waitFor({ state: 'detached' });
      }
      await pair
        .getByRole('button', { name: fill(s.duplicates.askMergeNamed, { pair: pairName }) })
        .click();

      // The panel opens on "merge person records", both records named, the reasons in the note.
      const panel = page.getByRole('dialog', { name: s.title });
      await panel.getByRole('heading', { name: s.choices.merge_persons }).waitFor();
      await panel.getByText(names.first, { exact: true }).first().waitFor();
      await panel.getByText(names.second, { exact: true }).first().waitFor();
      const note = panel.getByLabel(s.form.note);
      expect(await note.inputValue()).toContain(text.duplicates.reasons.same_birth_date);
      const send = panel.getByRole('button', { name: s.form.send });
      expect(await send.isDisabled()).toBe(true);

      // Which one survives, and why.
      const survivor = panel.getByRole('group', { name: s.fields.survivor });
      await survivor.getByRole('radio', { name: names.first }).check();
      await panel
        .getByRole('group', { name: s.fields.reason })
        .getByRole('radio', { name: s.mergeReasons.has_document })
        .check();
      await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
      await checkPage(page, 'support-merge-from-duplicates-en');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/support/tickets') && r.request().method() === 'POST',
      );
      await send.click();
      expect((await created).status()).toBe(201);
      await panel.getByRole('heading', { name: s.sent.title }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('answers, from its own page, the ticket the home page marks as waiting for them', async () => {
    const text = TEXTS.en;
    const s = text.support;
    const { context, page, pageErrors } = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en' },
    );
    try {
      // The home page's block: the demo's ticket waits for their answer.
      const block = page.locator('section.my-tickets');
      const item = block.getByRole('listitem').filter({ hasText: DEMO_TICKET.number });
      await item.getByText(s.home.waiting).waitFor();
      await item.getByRole('link').click();
      await page.waitForURL(/\/my-tickets\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: new RegExp(DEMO_TICKET.number) }).waitFor();

      const answer = page.getByLabel(s.ticket.answer);
      const send = page.getByRole('button', { name: s.ticket.sendAnswer });
      expect(await send.isDisabled()).toBe(true);
      await answer.fill('It is the agenda of March: the export button does nothing.');
      await checkPage(page, 'support-ticket-answer-en');
      await send.click();
      // Back with the agents: no answer box, the answer in the history.
      await answer.waitFor({ state: 'detached' });
      await page.getByText('the export button does nothing').waitFor();
      await page.locator('main').getByText(s.statuses.in_progress).first().waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
