import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CoordinatorRequest } from '@caliu/common';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import { checkPage, fill, TEXTS } from './browser';
import { apiLogin, expectStatus, type ApiSession } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Issue 19's deflection: what the floating button keeps away from support. A coordinator's task
 * (moving entries to another case file) goes to the coordinator of the records' team, who finds
 * it on her home page and closes it, as done or declined with the reason, each side told by
 * email; "I cannot add an intervention…" is diagnosed by the form, which offers a ticket only
 * when nothing it knows stands in the way. A server of its own: the requests, the records and
 * the member added here must not show in the other files' lists.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });

const TECHNICIAN = 'Marta Puig Serra';
const COORDINATOR = 'Montse Riera Vila';

type Named = { id: string; name: string };
type CaseFile = { id: string; number: string; holder: Named | null };
type MailboxItem = { id: string; to: string; template: string; subject: string | null };

/** The technician's API, and the demo municipalities by name. */
async function technicianApi() {
  const api = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
  const places = expectStatus(
    await api.call<{ items: Named[] }>('GET', '/api/municipalities'),
    200,
    'list municipalities',
  );
  const municipality = (name: string) => places.items.find((m) => m.name === name)!.id;
  return { api, municipality };
}

/** Records a person (born in 1980) living in that municipality; answers their id and name. */
async function recordPerson(
  api: ApiSession,
  names: { givenName: string; firstSurname: string; secondSurname: string },
  municipalityId: string,
): Promise<Named> {
  const person = expectStatus(
    await api.call<{ id: string }>('POST', '/api/persons', {
      ...names,
      birthDate: '1980-01-02',
      municipalityId,
    }),
    201,
    `record ${names.givenName}`,
  );
  return {
    id: person.id,
    name: `${names.givenName} ${names.firstSurname} ${names.secondSurname}`,
  };
}

/** Opens a basic-services case file for this holder. */
async function openCaseFile(api: ApiSession, holderId: string): Promise<CaseFile> {
  return expectStatus(
    await api.call<CaseFile>('POST', '/api/case-files', { personId: holderId, scope: 'ssb' }),
    201,
    'open a case file',
  );
}

/** The newest messages of `template` to `to` in the demo mailbox, once there are `count`. */
async function mailTo(to: string, template: string, count = 1): Promise<MailboxItem[]> {
  const administrator = await apiLogin(suite.baseUrl, { username: 'administrator' });
  let found: MailboxItem[] = [];
  await expect
    .poll(
      async () => {
        const list = expectStatus(
          await administrator.call<{ items: MailboxItem[] }>('GET', '/api/mailbox?limit=200'),
          200,
          'read the demo mailbox',
        );
        found = list.items.filter((m) => m.to === to && m.template === template);
        return found.length;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** Opens the floating button's panel on "New request" and picks this choice. */
async function choose(page: Page, choice: keyof (typeof TEXTS)['en']['support']['choices']) {
  const s = TEXTS.en.support;
  await page.getByRole('button', { name: s.button, exact: true }).click();
  const panel = page.getByRole('dialog', { name: s.title });
  await panel.getByRole('button', { name: s.newRequest }).click();
  await panel.getByRole('button', { name: s.choices[choice] }).click();
  await panel.getByRole('heading', { name: s.choices[choice] }).waitFor();
  return panel;
}

describe('the support button: what does not go to support', () => {
  it('hands an entries transfer to the coordinator, who closes it from her home page', async () => {
    const text = TEXTS.en;
    const s = text.support;
    const c = text.coordinatorRequests;
    const surname = uniqueWord();
    const { api, municipality } = await technicianApi();
    // The demo's case file of María García López (the technician's) has an interview, a demand
    // and a problem; the entries go to a case file opened here for someone of the same town.
    const source = expectStatus(
      await api.call<{ items: CaseFile[] }>('GET', '/api/case-files?limit=100'),
      200,
      'list case files',
    ).items.find((f) => f.holder?.name === 'María García López')!;
    const vilanova = municipality('Vilanova de la Serra');
    const holder = await recordPerson(
      api,
      { givenName: 'Pau', firstSurname: surname, secondSurname: 'Vidal' },
      vilanova,
    );
    const target = await openCaseFile(api, holder.id);
    const note = `Recorded in the wrong case file (${surname}).`;

    const technician = await suite.openAs({ username: 'tech-ssb' }, { locale: 'en' });
    try {
      const { page } = technician;
      const panel = await choose(page, 'transfer_content');
      await panel.getByText(s.coordinator.notSupport).waitFor();
      const send = panel.getByRole('button', { name: s.coordinator.send });
      expect(await send.isDisabled()).toBe(true);

      // The source case file found by its number; its entries offered by kind, type and date.
      await panel.getByRole('searchbox', { name: s.fields.caseFile }).fill(source.number);
      await panel
        .getByRole('button', { name: fill(s.form.chooseNamed, { name: source.number }) })
        .click();
      await panel.getByText(fill(s.coordinator.named, { names: COORDINATOR })).waitFor();
      const items = panel.getByRole('group', { name: s.fields.items_transfer_content });
      const demand = items.getByRole('checkbox', {
        name: new RegExp(`^${text.caseContent.kinds.demand} · `),
      });
      await demand.check();
      await panel.getByLabel(s.fields.targetNumber).fill(target.number);
      await panel.getByLabel(s.form.noteForCoordinator).fill(note);
      await expect.poll(() => send.isEnabled()).toBe(true);
      await checkPage(page, 'support-deflection-transfer-en');
      await send.click();
      await panel.getByText(fill(s.coordinator.sent, { names: COORDINATOR })).waitFor();
      expect(technician.pageErrors).toEqual([]);
    } finally {
      await technician.context.close();
    }
    // The coordinator is told by email; it names no person.
    await mailTo(`coordinator@${DEMO_DOMAIN}`, 'coordinator_request');

    // A second request, for the declining: deleting the record the target was opened for.
    const second = expectStatus(
      await api.call<CoordinatorRequest>('POST', '/api/support/coordinator-requests', {
        kind: 'delete_persons',
        personIds: [holder.id],
        note: `Please delete ${holder.name}.`,
      }),
      201,
      'ask to delete a person record',
    );
    expect(second.coordinators.map((x) => x.name)).toEqual([COORDINATOR]);

    const coordinator = await suite.openAs({ username: 'coordinator' }, { locale: 'en' });
    try {
      const { page } = coordinator;
      const section = page.getByRole('region', { name: c.home.title });
      // The requests are the items with a close button (each lists its records inside).
      const request = (hasText: string) =>
        section
          .getByRole('listitem')
          .filter({
            has: page.getByRole('button', { name: fill(c.close.named, { requester: TECHNICIAN }) }),
          })
          .filter({ hasText });
      const transfer = request(note);
      await transfer.waitFor();
      // Who asks, what, the records in words, and where to do it.
      expect(await transfer.textContent()).toContain(c.kinds.transfer_content);
      await transfer.getByRole('link', { name: source.number, exact: true }).waitFor();
      expect(await transfer.textContent()).toContain(
        fill(c.home.target, { number: target.number }),
      );
      await transfer.getByRole('link', { name: c.home.tools.transfer_content }).waitFor();
      const deletion = request(holder.name);
      await deletion.getByRole('link', { name: holder.name }).waitFor();
      await checkPage(page, 'coordinator-requests-home-en');

      // Done: it leaves the list, and the page says so.
      await transfer
        .getByRole('button', { name: fill(c.close.named, { requester: TECHNICIAN }) })
        .click();
      const dialog = page.getByRole('dialog', { name: c.close.title });
      await dialog.getByRole('radio', { name: c.close.outcomes.done }).check();
      await dialog.getByRole('button', { name: c.close.submit }).click();
      await section.getByText(fill(c.close.doneDone, { requester: TECHNICIAN })).waitFor();
      await transfer.waitFor({ state: 'detached' });

      // Declined: not without a reason, which the technician will read.
      await deletion
        .getByRole('button', { name: fill(c.close.named, { requester: TECHNICIAN }) })
        .click();
      await dialog.getByRole('radio', { name: c.close.outcomes.declined }).check();
      await dialog.getByRole('button', { name: c.close.submit }).click();
      const reason = dialog.getByLabel(c.close.reason);
      await dialog.getByText(c.close.reasonRequired).waitFor();
      await expect.poll(() => reason.evaluate((e) => e === document.activeElement)).toBe(true);
      await reason.fill('The record has a case file: it stays.');
      await checkPage(page, 'coordinator-requests-decline-en');
      await dialog.getByRole('button', { name: c.close.submit }).click();
      await section.getByText(fill(c.close.doneDeclined, { requester: TECHNICIAN })).waitFor();
      await deletion.waitFor({ state: 'detached' });
      await section.getByText(c.home.none).waitFor();
      expect(coordinator.pageErrors).toEqual([]);
    } finally {
      await coordinator.context.close();
    }

    // The technician is told of both by email, which sends them to Caliu for the reason: their
    // home page lists what they asked, to whom, and how it ended.
    await mailTo(`tech-ssb@${DEMO_DOMAIN}`, 'coordinator_request_closed', 2);
    const again = await suite.openAs({ username: 'tech-ssb' }, { locale: 'en' });
    try {
      const { page } = again;
      const m = c.mine;
      const section = page.getByRole('region', { name: m.title });
      // Each request is the item holding its note (its records are items inside it).
      const request = (hasText: string) => section.getByRole('listitem').filter({ hasText });
      const transfer = request(note);
      await transfer.waitFor();
      await transfer.getByRole('link', { name: source.number, exact: true }).waitFor();
      const transferText = await transfer.textContent();
      for (const words of [
        c.kinds.transfer_content,
        m.statuses.done,
        fill(c.home.target, { number: target.number }),
        fill(m.sentTo, { names: COORDINATOR }),
        fill(m.closed.done, { name: COORDINATOR }),
      ])
        expect(transferText).toContain(words);
      expect(transferText).not.toContain(m.reason);

      const deletion = request(`Please delete ${holder.name}.`);
      await deletion.getByText('The record has a case file: it stays.', { exact: true }).waitFor();
      const deletionText = await deletion.textContent();
      for (const words of [
        c.kinds.delete_persons,
        holder.name,
        m.statuses.declined,
        fill(m.sentTo, { names: COORDINATOR }),
        fill(m.closed.declined, { name: COORDINATOR }),
        m.reason,
      ])
        expect(deletionText).toContain(words);
      // Both closed just now: the declined one, closed last, first.
      expect(await section.locator(':scope > ul > li').count()).toBe(2);
      expect(await section.locator(':scope > ul > li').first().textContent()).toBe(deletionText);
      await checkPage(page, 'coordinator-requests-mine-en');
      expect(again.pageErrors).toEqual([]);
    } finally {
      await again.context.close();
    }
  });

  it('explains why an intervention cannot be added, and offers a ticket only when nothing does', async () => {
    const text = TEXTS.en;
    const s = text.support;
    const surname = uniqueWord();
    const { api, municipality } = await technicianApi();
    // A case file of Vilanova de la Serra with a member living in Santa Coloma del Riu: the
    // municipality rule refuses her entries, not her brother's (the holder).
    const holder = await recordPerson(
      api,
      { givenName: 'Pol', firstSurname: surname, secondSurname: 'Roca' },
      municipality('Vilanova de la Serra'),
    );
    const elsewhere = await recordPerson(
      api,
      { givenName: 'Berta', firstSurname: surname, secondSurname: 'Roca' },
      municipality('Santa Coloma del Riu'),
    );
    const file = await openCaseFile(api, holder.id);
    expectStatus(
      await api.call('POST', `/api/case-files/${file.id}/members`, {
        personId: elsewhere.id,
        role: 'household',
      }),
      200,
      'add Berta to the case file',
    );

    const { context, page, pageErrors } = await suite.openAs(
      { username: 'tech-ssb' },
      { locale: 'en' },
    );
    try {
      const panel = await choose(page, 'cannot_add');
      await panel.getByText(s.guidance.cannot_add).waitFor();
      const check = panel.getByRole('button', { name: s.diagnosis.check });
      const openTicket = panel.getByRole('button', { name: s.diagnosis.openTicket });
      expect(await check.isDisabled()).toBe(true);

      const choosePerson = async (person: Named) => {
        await panel.getByRole('searchbox', { name: s.fields.person }).fill(`${surname} Roca`);
        await panel
          .getByRole('button', { name: fill(s.form.chooseNamed, { name: person.name }) })
          .click();
      };
      await choosePerson(elsewhere);
      await panel.getByRole('searchbox', { name: s.fields.caseFile }).fill(file.number);
      await panel
        .getByRole('button', { name: fill(s.form.chooseNamed, { name: file.number }) })
        .click();
      await panel
        .getByRole('group', { name: s.fields.contentKind })
        .getByRole('radio', { name: text.caseContent.kinds.intervention })
        .check();
      await check.click();

      // The mismatch in words, both municipalities named; no ticket to open.
      const result = panel.getByRole('status').filter({ hasText: s.diagnosis.found });
      await result
        .getByText(
          fill(s.diagnosis.reasons.municipality_mismatch, {
            person: elsewhere.name,
            number: file.number,
            personMunicipality: 'Santa Coloma del Riu',
            caseFileMunicipality: 'Vilanova de la Serra',
          }),
        )
        .waitFor();
      expect(await result.getByRole('listitem').count()).toBe(1);
      await expect.poll(() => result.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(await openTicket.count()).toBe(0);
      await checkPage(page, 'support-diagnosis-mismatch-en');

      // The holder, of the case file's town: nothing stands in the way, and a ticket is offered.
      await panel
        .getByRole('button', {
          name: fill(s.form.changeNamed, { what: s.fields.person, name: elsewhere.name }),
        })
        .click();
      await result.waitFor({ state: 'detached' });
      await choosePerson(holder);
      await check.click();
      await panel.getByRole('status').getByText(s.diagnosis.ok).waitFor();
      expect(await panel.getByText(s.diagnosis.found).count()).toBe(0);
      await checkPage(page, 'support-diagnosis-ok-en');

      // The ticket starts as "another question", what was checked already written.
      await openTicket.click();
      await panel.getByRole('heading', { name: s.choices.other }).waitFor();
      expect(await panel.getByLabel(s.fields.text).inputValue()).toBe(
        fill(s.diagnosis.ticketText, {
          kind: text.caseContent.kinds.intervention,
          person: holder.name,
          number: file.number,
        }),
      );
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
