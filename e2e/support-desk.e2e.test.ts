import { describe, expect, it } from 'vitest';
import { checkPage, fill, TEXTS } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Issue 19's round trip: a technician asks, from the floating button, to merge two person
 * records; the support agent finds the ticket in the queue of every council, takes it, asks the
 * technician which record holds the right document; the technician answers from the ticket's
 * page; the agent reads the answer. A server of its own: the ticket must not show in the other
 * files' lists.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });

describe('the support desk', () => {
  it('carries a merge request from the technician to the agent and back', async () => {
    const ca = TEXTS.ca;
    const es = TEXTS.es;
    const surname = uniqueWord();
    const technicianApi = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technicianApi.call<{ items: { id: string; name: string }[] }>(
        'GET',
        '/api/municipalities',
      ),
      200,
      'list municipalities',
    );
    const vilanova = places.items.find((m) => m.name === 'Vilanova de la Serra')!;
    for (const givenName of ['Rosalia', 'Rosalía']) {
      expectStatus(
        await technicianApi.call('POST', '/api/persons', {
          givenName,
          firstSurname: surname,
          secondSurname: 'Mas',
          birthDate: '1981-02-17',
          municipalityId: vilanova.id,
        }),
        201,
        `record ${givenName}`,
      );
    }
    const names = [`Rosalia ${surname} Mas`, `Rosalía ${surname} Mas`] as const;

    // The technician, in Catalan: the floating button, "merge two person records", both records
    // found by their surname, the one to keep and why.
    const technician = await suite.openAs({ username: 'tech-ssb' }, { locale: 'ca' });
    const agent = await suite.openAs(
      { entity: 'support', username: 'support' },
      { locale: 'es', path: '/support' },
    );
    try {
      const { page } = technician;
      await page.getByRole('button', { name: ca.support.button, exact: true }).click();
      const panel = page.getByRole('dialog', { name: ca.support.title });
      await panel.getByRole('button', { name: ca.support.newRequest }).click();
      await panel.getByRole('button', { name: ca.support.choices.merge_persons }).click();
      await panel.getByRole('heading', { name: ca.support.choices.merge_persons }).waitFor();
      const send = panel.getByRole('button', { name: ca.support.form.send });
      expect(await send.isDisabled()).toBe(true);
      for (const [index, label] of [
        ca.support.fields.firstPerson,
        ca.support.fields.secondPerson,
      ].entries()) {
        await panel.getByRole('searchbox', { name: label }).fill(surname);
        await panel
          .getByRole('button', {
            name: fill(ca.support.form.chooseNamed, { name: names[index]! }),
            exact: true,
          })
          .click();
        await panel
          .getByRole('button', {
            name: fill(ca.support.form.changeNamed, { what: label, name: names[index]! }),
          })
          .waitFor();
      }
      await panel
        .getByRole('group', { name: ca.support.fields.survivor })
        .getByRole('radio', { name: names[1], exact: true })
        .check();
      await panel
        .getByRole('group', { name: ca.support.fields.reason })
        .getByRole('radio', { name: ca.support.mergeReasons.has_document })
        .check();
      await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
      await checkPage(page, 'support-desk-merge-request-ca');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/support/tickets') && r.request().method() === 'POST',
      );
      await send.click();
      const response = await created;
      expect(response.status()).toBe(201);
      const ticket = (await response.json()) as { id: string; number: string };
      await panel.getByRole('heading', { name: ca.support.sent.title }).waitFor();

      // The agent, in Spanish: the ticket is in the queue of every council; it shows both
      // records by name, never anything of their case files.
      const desk = agent.page;
      await desk.reload();
      await desk.getByRole('heading', { name: es.supportDesk.queue.title }).waitFor();
      await desk.getByRole('link', { name: ticket.number }).click();
      await desk
        .getByRole('heading', {
          name: fill(es.supportDesk.ticket.title, { number: ticket.number }),
        })
        .waitFor();
      for (const name of names) await desk.getByText(name).first().waitFor();
      await desk.getByRole('button', { name: es.supportDesk.ticket.assign.toMe }).click();
      await desk
        .getByText(fill(es.supportDesk.ticket.assign.current, { name: 'Agent de Suport' }))
        .waitFor();

      // Which record holds the right document? The ticket waits for the technician.
      const question = '¿El DNI de cuál de las dos fichas es el correcto?';
      await desk
        .getByLabel(es.supportDesk.ticket.status.label)
        .selectOption({ label: es.supportDesk.statuses.waiting_requester });
      await desk.getByLabel(es.supportDesk.ticket.status.comment).fill(question);
      await desk.getByRole('button', { name: es.supportDesk.ticket.status.submit }).click();
      await desk.getByText(es.supportDesk.ticket.status.done).waitFor();
      await checkPage(desk, 'support-desk-ticket-waiting-es');

      // The technician answers from the ticket's own page.
      await page.goto(`/my-tickets/${ticket.id}`);
      await page.getByText(question).waitFor();
      const answer = page.getByLabel(ca.support.ticket.answer);
      await answer.fill('La de la Rosalía amb accent: el DNI de l’altra és d’una germana.');
      await page.getByRole('button', { name: ca.support.ticket.sendAnswer }).click();
      await answer.waitFor({ state: 'detached' });
      await page.locator('main').getByText(ca.support.statuses.in_progress).first().waitFor();
      await checkPage(page, 'support-desk-ticket-answered-ca');

      // The agent reads the answer, back with them.
      await desk.reload();
      await desk.getByText('el DNI de l’altra és d’una germana').waitFor();
      await desk.getByText(es.supportDesk.statuses.in_progress).first().waitFor();
      expect(technician.pageErrors).toEqual([]);
      expect(agent.pageErrors).toEqual([]);
    } finally {
      await technician.context.close();
      await agent.context.close();
    }
  });
});
