import { describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import { checkPage, fill, TEXTS } from './browser';
import { apiLogin, dni, expectStatus } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Issue 20's round trip: a coordinator asks, from the floating button, to delete a case file that
 * holds nothing anyone recorded; the support agent previews the operation, runs it — once the
 * records changed since the preview, which the run refuses until previewed again — and sees what
 * it did; the coordinator is told by email and reads the result on her ticket. A server of its
 * own: the ticket and the deleted case file must not touch the other files' lists.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });

type Named = { id: string; name: string };
type MailboxItem = { id: string; to: string; template: string; subject: string | null };

/** The messages of `template` to `to` in the demo mailbox whose subject names `number`. */
async function mailAbout(to: string, template: string, number: string): Promise<MailboxItem[]> {
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
        found = list.items.filter(
          (m) => m.to === to && m.template === template && m.subject?.includes(number),
        );
        return found.length;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBeGreaterThanOrEqual(1);
  return found;
}

describe('operations run from support tickets', () => {
  it('deletes the case file a coordinator asked to delete, and tells her what changed', async () => {
    const ca = TEXTS.ca;
    const en = TEXTS.en;
    const op = en.supportDesk.ticket.operation;
    const surname = uniqueWord();

    // A case file of the coordinator's team that nobody recorded anything in (its automatic
    // opening intervention aside), and someone who will join it after the preview.
    const technicianApi = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technicianApi.call<{ items: Named[] }>('GET', '/api/municipalities'),
      200,
      'list municipalities',
    );
    const vilanova = places.items.find((m) => m.name === 'Vilanova de la Serra')!;
    const people: Named[] = [];
    for (const givenName of ['Iu', 'Aina']) {
      const person = expectStatus(
        await technicianApi.call<{ id: string }>('POST', '/api/persons', {
          givenName,
          firstSurname: surname,
          secondSurname: 'Pla',
          birthDate: '1975-06-09',
          municipalityId: vilanova.id,
        }),
        201,
        `record ${givenName}`,
      );
      people.push({ id: person.id, name: `${givenName} ${surname} Pla` });
    }
    const file = expectStatus(
      await technicianApi.call<{ id: string; number: string }>('POST', '/api/case-files', {
        personId: people[0]!.id,
        scope: 'ssb',
      }),
      201,
      'open a case file',
    );

    const coordinator = await suite.openAs({ username: 'coordinator' }, { locale: 'ca' });
    const agent = await suite.openAs(
      { entity: 'support', username: 'support' },
      { locale: 'en', path: '/support' },
    );
    try {
      // The coordinator, in Catalan: the floating button, "delete case files", its number.
      const { page } = coordinator;
      await page.getByRole('button', { name: ca.support.button, exact: true }).click();
      const panel = page.getByRole('dialog', { name: ca.support.title });
      await panel.getByRole('button', { name: ca.support.newRequest }).click();
      await panel.getByRole('button', { name: ca.support.choices.delete_case_files }).click();
      await panel.getByRole('heading', { name: ca.support.choices.delete_case_files }).waitFor();
      await panel.getByLabel(fill(ca.support.form.numberN, { n: '1' })).fill(file.number);
      await panel.getByLabel(ca.support.fields.nothingAttached).check();
      const send = panel.getByRole('button', { name: ca.support.form.send });
      await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/support/tickets') && r.request().method() === 'POST',
      );
      await send.click();
      const response = await created;
      expect(response.status()).toBe(201);
      const ticket = (await response.json()) as { id: string; number: string };
      await panel.getByRole('heading', { name: ca.support.sent.title }).waitFor();

      // The agent, in English, opens it from the queue of every council.
      const desk = agent.page;
      await desk.reload();
      await desk.getByRole('heading', { name: en.supportDesk.queue.title }).waitFor();
      await desk.getByRole('link', { name: ticket.number }).click();
      await desk
        .getByRole('heading', {
          name: fill(en.supportDesk.ticket.title, { number: ticket.number }),
        })
        .waitFor();
      const section = desk.getByRole('region', { name: op.title, exact: true });
      await section.getByText(op.intro).waitFor();

      // The preview: what would go, with the case file's number; nothing has changed yet.
      const deleted = `${fill(en.operationLines.lines.case_files_deleted_one, { count: '1' })}: ${file.number}`;
      const oneMember = fill(en.operationLines.lines.memberships_removed_one, { count: '1' });
      await section.getByRole('button', { name: op.preview, exact: true }).click();
      await section.getByRole('heading', { name: op.willChange }).waitFor();
      await section.getByText(deleted, { exact: true }).waitFor();
      await section.getByText(oneMember, { exact: true }).waitFor();
      await checkPage(desk, 'support-operations-preview-en');

      // Someone joins the case file meanwhile: the run, confirmed, is refused and says why; a new
      // preview counts her.
      expectStatus(
        await technicianApi.call('POST', `/api/case-files/${file.id}/members`, {
          personId: people[1]!.id,
          role: 'household',
        }),
        200,
        'add Aina to the case file',
      );
      const confirm = desk.getByRole('dialog', { name: op.confirmTitle });
      await section.getByRole('button', { name: op.run, exact: true }).click();
      await confirm.getByText(deleted, { exact: true }).waitFor();
      const refused = desk.waitForResponse((r) => r.url().endsWith('/operation/run'));
      await confirm.getByRole('button', { name: op.run, exact: true }).click();
      expect((await refused).status()).toBe(409);
      await section.getByRole('alert').waitFor();
      await section.getByRole('button', { name: op.previewAgain }).click();
      await section
        .getByText(fill(en.operationLines.lines.memberships_removed_other, { count: '2' }), {
          exact: true,
        })
        .waitFor();
      expectStatus(
        await technicianApi.call('GET', `/api/case-files/${file.id}`),
        200,
        'the case file is still there',
      );

      // The run, confirmed: the result in place of the buttons, the ticket resolved.
      await section.getByRole('button', { name: op.run, exact: true }).click();
      await confirm.getByRole('button', { name: op.run, exact: true }).click();
      await section.getByRole('status').filter({ hasText: op.done }).waitFor();
      await section.getByText(deleted, { exact: true }).waitFor();
      expect(await section.textContent()).toContain('Agent de Suport');
      expect(await section.getByRole('button', { name: op.preview, exact: true }).count()).toBe(0);
      await desk
        .locator('dd')
        .filter({ hasText: en.supportDesk.statuses.resolved })
        .first()
        .waitFor();
      await checkPage(desk, 'support-operations-result-en');
      expectStatus(
        await technicianApi.call('GET', `/api/case-files/${file.id}`),
        404,
        'the case file is gone',
      );

      // The coordinator is told by email, and reads on her ticket what support did.
      const mails = await mailAbout(
        `coordinator@${DEMO_DOMAIN}`,
        'support_ticket_status',
        ticket.number,
      );
      expect(mails).toHaveLength(1);
      await page.goto(`/my-tickets/${ticket.id}`);
      const result = page.getByRole('region', { name: ca.support.ticket.operation.title });
      await result
        .getByText(
          `${fill(ca.operationLines.lines.case_files_deleted_one, { count: '1' })}: ${file.number}`,
          { exact: true },
        )
        .waitFor();
      await result
        .getByText(fill(ca.operationLines.lines.memberships_removed_other, { count: '2' }), {
          exact: true,
        })
        .waitFor();
      await page.locator('main').getByText(ca.support.statuses.resolved).first().waitFor();
      await checkPage(page, 'support-operations-requester-ca');
      expect(coordinator.pageErrors).toEqual([]);
      expect(agent.pageErrors).toEqual([]);
    } finally {
      await coordinator.context.close();
      await agent.context.close();
    }
  });

  it('merges two person records a technician asked about, with the field the agent chose, and tells the technician', async () => {
    const en = TEXTS.en;
    const es = TEXTS.es;
    const op = en.supportDesk.ticket.operation;
    const surname = uniqueWord();

    // The same woman recorded twice: the record that remains lacks the email, and the two
    // mobiles differ.
    const technicianApi = await apiLogin(suite.baseUrl, { username: 'tech-ssb' });
    const places = expectStatus(
      await technicianApi.call<{ items: Named[] }>('GET', '/api/municipalities'),
      200,
      'list municipalities',
    );
    const vilanova = places.items.find((m) => m.name === 'Vilanova de la Serra')!;
    const record = async (mobilePhone: string, email?: string) =>
      expectStatus(
        await technicianApi.call<{ id: string }>('POST', '/api/persons', {
          givenName: 'Carme',
          firstSurname: surname,
          secondSurname: 'Puig',
          birthDate: '1968-02-14',
          municipalityId: vilanova.id,
          mobilePhone,
          ...(email ? { email } : {}),
        }),
        201,
        `record Carme ${mobilePhone}`,
      ).id;
    const survivor = await record('600 111 222');
    const other = await record('600 333 444', `carme.${surname.toLowerCase()}@example.org`);
    const ticket = expectStatus(
      await technicianApi.call<{ id: string; number: string }>('POST', '/api/support/tickets', {
        kind: 'merge_persons',
        fields: { personIds: [survivor, other], survivorId: survivor, reason: 'more_complete' },
      }),
      201,
      'ask support to merge the two records',
    );

    const agent = await suite.openAs(
      { entity: 'support', username: 'support' },
      { locale: 'en', path: '/support' },
    );
    const technician = await suite.openAs({ username: 'tech-ssb' }, { locale: 'es' });
    try {
      const desk = agent.page;
      await desk.getByRole('heading', { name: en.supportDesk.queue.title }).waitFor();
      await desk.getByRole('link', { name: ticket.number }).click();
      const section = desk.getByRole('region', { name: op.title, exact: true });
      await section.getByRole('button', { name: op.preview, exact: true }).click();
      await section.getByRole('heading', { name: op.willChange }).waitFor();

      // The fields that differ, the survivor's value kept unless the agent chooses: the mobile.
      await section.getByRole('heading', { name: op.conflictsTitle }).waitFor();
      const mobile = section.getByRole('group', { name: en.persons.fields.mobilePhone });
      await expect
        .poll(() =>
          mobile
            .getByRole('radio', { name: fill(op.keepSurvivor, { value: '600 111 222' }) })
            .isChecked(),
        )
        .toBe(true);
      await mobile
        .getByRole('radio', { name: fill(op.takeOther, { value: '600 333 444' }) })
        .check();
      // The email only the other record has is filled in without asking.
      expect(await section.getByRole('group', { name: en.persons.fields.email }).count()).toBe(0);
      await checkPage(desk, 'support-operations-merge-preview-en');

      const confirm = desk.getByRole('dialog', { name: op.confirmTitle });
      await section.getByRole('button', { name: op.run, exact: true }).click();
      await confirm
        .getByText(fill(op.confirmTaken, { fields: en.persons.fields.mobilePhone }), {
          exact: true,
        })
        .waitFor();
      const ran = desk.waitForResponse((r) => r.url().endsWith('/operation/run'));
      await confirm.getByRole('button', { name: op.run, exact: true }).click();
      expect((await ran).status()).toBe(200);
      await section.getByRole('status').filter({ hasText: op.done }).waitFor();
      await checkPage(desk, 'support-operations-merge-result-en');

      // The record that remains has the chosen mobile and the other's email; the other points
      // at it.
      const kept = expectStatus(
        await technicianApi.call<{ mobilePhone: string | null; email: string | null }>(
          'GET',
          `/api/persons/${survivor}`,
        ),
        200,
        'read the record that remains',
      );
      expect(kept.mobilePhone?.replace(/\s/g, '')).toBe('600333444');
      expect(kept.email).toBe(`carme.${surname.toLowerCase()}@example.org`);
      const tomb = expectStatus(
        await technicianApi.call<{ mergedInto: { id: string } | null }>(
          'GET',
          `/api/persons/${other}`,
        ),
        200,
        'read the merged record',
      );
      expect(tomb.mergedInto?.id).toBe(survivor);

      // The technician who asked is told by email, and an old link to the merged record leads to
      // the one that remains, saying so.
      const mails = await mailAbout(
        `tech-ssb@${DEMO_DOMAIN}`,
        'support_ticket_status',
        ticket.number,
      );
      expect(mails).toHaveLength(1);
      const { page } = technician;
      await page.goto(`/persons/${other}`);
      await page.waitForURL(`**/persons/${survivor}`);
      await page
        .getByText(fill(es.persons.notices.merged, { name: `Carme ${surname} Puig` }), {
          exact: true,
        })
        .waitFor();
      await checkPage(page, 'support-operations-merged-person-es');
      expect(agent.pageErrors).toEqual([]);
      expect(technician.pageErrors).toEqual([]);
    } finally {
      await agent.context.close();
      await technician.context.close();
    }
  });

  it('creates the professional an administrator asked for, the first-access link by SMS to the mobile the agent types', async () => {
    const en = TEXTS.en;
    const op = en.supportDesk.ticket.operation;
    const surname = uniqueWord();
    const admin = await apiLogin(suite.baseUrl, { username: 'administrator' });
    const firstOf = async (path: string) =>
      expectStatus(await admin.call<{ items: Named[] }>('GET', path), 200, `list ${path}`)
        .items[0]!;
    const team = await firstOf('/api/teams');
    const sector = await firstOf('/api/sectors');
    const username = `pol.${surname.toLowerCase()}`;
    const ticket = expectStatus(
      await admin.call<{ id: string; number: string }>('POST', '/api/support/tickets', {
        kind: 'new_professional',
        fields: {
          givenName: 'Pol',
          surnames: `${surname} Roca`,
          documentType: 'dni',
          documentNumber: dni(Date.now() % 100_000_000),
          email: `${username}@${DEMO_DOMAIN}`,
          roles: ['tech_ssb'],
          teamId: team.id,
          sectorId: sector.id,
          firstAccessBySms: true,
        },
      }),
      201,
      'ask support for a new professional',
    );

    const agent = await suite.openAs(
      { entity: 'support', username: 'support' },
      { locale: 'en', path: '/support' },
    );
    try {
      const desk = agent.page;
      await desk.getByRole('heading', { name: en.supportDesk.queue.title }).waitFor();
      await desk.getByRole('link', { name: ticket.number }).click();
      const section = desk.getByRole('region', { name: op.title, exact: true });
      await section.getByRole('button', { name: op.preview, exact: true }).click();
      await section
        .getByText(fill(en.operationLines.lines.first_access_by_sms_typed_one, { count: '1' }), {
          exact: true,
        })
        .waitFor();

      // The mobile is asked at the run: without it, the run is not offered to confirm.
      const mobile = section.getByLabel(op.mobileLabel);
      await section.getByRole('button', { name: op.run, exact: true }).click();
      await section.getByText(op.mobileRequired, { exact: true }).waitFor();
      expect(await mobile.getAttribute('aria-invalid')).toBe('true');
      await mobile.fill('612 345 678');
      await checkPage(desk, 'support-operations-new-professional-en');
      const confirm = desk.getByRole('dialog', { name: op.confirmTitle });
      await section.getByRole('button', { name: op.run, exact: true }).click();
      const ran = desk.waitForResponse((r) => r.url().endsWith('/operation/run'));
      await confirm.getByRole('button', { name: op.run, exact: true }).click();
      expect((await ran).status()).toBe(200);
      await section.getByRole('status').filter({ hasText: op.done }).waitFor();
      await section.getByRole('heading', { name: op.afterwards }).waitFor();
      await section
        .getByText(fill(en.operationLines.lines.first_access_sms_sent_one, { count: '1' }), {
          exact: true,
        })
        .waitFor();

      // The professional exists; the SMS reached the demo mailbox with the number masked.
      const list = expectStatus(
        await admin.call<{ items: { username: string }[] }>(
          'GET',
          `/api/professionals?q=${encodeURIComponent(surname)}`,
        ),
        200,
        'find the new professional',
      );
      expect(list.items.map((p) => p.username)).toEqual([username]);
      const mailbox = expectStatus(
        await admin.call<{ items: MailboxItem[] }>('GET', '/api/mailbox?limit=50'),
        200,
        'read the demo mailbox',
      );
      const sms = mailbox.items.filter((m) => m.template === 'professional_activation_sms');
      expect(sms.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(mailbox.items)).not.toContain('612345678');
      expect(JSON.stringify(mailbox.items)).not.toContain('612 345 678');
      expect(agent.pageErrors).toEqual([]);
    } finally {
      await agent.context.close();
    }
  });
});
