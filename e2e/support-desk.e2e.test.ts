import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
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

/** A PNG chunk: length, type, data, and the CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny valid PNG (4 × 4, RGB) of one colour, so that two screenshots differ in their bytes. */
function tinyPng([red, green, blue]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.writeUInt8(8, 8); // bits per sample
  header.writeUInt8(2, 9); // truecolour
  const row = [0, ...Array.from({ length: 4 }, () => [red, green, blue]).flat()];
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([...row, ...row, ...row, ...row]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

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
      // A screenshot goes with the request, once the ticket is open; so does a text file, which
      // the server refuses (its type): the ticket opens all the same, and the panel says so.
      const screenshot = tinyPng([176, 63, 18]);
      await panel.getByLabel(ca.support.form.files).setInputFiles([
        { name: 'captura-fitxes.png', mimeType: 'image/png', buffer: screenshot },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Dues fitxes.\n') },
      ]);
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
      const refused = panel.getByRole('status').filter({ hasText: ca.support.sent.filesFailed });
      await refused.getByText(ca.support.sent.attachFromTicket).waitFor();
      await refused.getByText('«notes.txt»:', { exact: false }).waitFor();
      expect(await refused.getByText('captura-fitxes.png').count()).toBe(0);
      await checkPage(page, 'support-desk-request-sent-ca');

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

      // The screenshot is in the ticket's files, said to be the requester's, and downloads as sent.
      const files = desk.getByRole('region', { name: es.attachments.ticket.title });
      const sentFile = files.getByRole('listitem').filter({ hasText: 'captura-fitxes.png' });
      await sentFile
        .getByText(`(${es.attachments.ticket.side.requester})`, { exact: false })
        .waitFor();
      const [download] = await Promise.all([
        desk.waitForEvent('download'),
        files
          .getByRole('link', {
            name: fill(es.attachments.list.downloadNamed, { title: 'captura-fitxes.png' }),
          })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe('captura-fitxes.png');
      expect(readFileSync(await download.path()).equals(screenshot)).toBe(true);

      // The agent attaches one back, showing where to look.
      const reply = tinyPng([18, 63, 176]);
      await files
        .getByLabel(es.attachments.ticket.attach)
        .setInputFiles({ name: 'on-mirar.png', mimeType: 'image/png', buffer: reply });
      await files
        .getByRole('status')
        .filter({ hasText: fill(es.attachments.upload.done, { title: 'on-mirar.png' }) })
        .waitFor();
      await files.getByRole('listitem').filter({ hasText: 'on-mirar.png' }).waitFor();
      await files.scrollIntoViewIfNeeded();
      await checkPage(desk, 'support-desk-ticket-files-es');
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
      const myFiles = page.getByRole('region', { name: ca.attachments.ticket.title });
      await myFiles
        .getByRole('listitem')
        .filter({ hasText: 'on-mirar.png' })
        .getByText(`(${ca.attachments.ticket.side.agent})`, { exact: false })
        .waitFor();
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
