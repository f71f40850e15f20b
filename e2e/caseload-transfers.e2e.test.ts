import { describe, expect, it } from 'vitest';
import { checkPage, fill, TEXTS } from './browser';
import {
  activate,
  apiLogin,
  createProfessional,
  expectStatus,
  linkFromMailbox,
} from './identity-api';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Issue 21's round trip: a technician of Equip Nord leaves; the demo coordinator hands her case
 * files over to the basic-services technician from the team's caseload page — a preview, then a
 * request — and a second coordinator of the team finds it on her home page, reviews what would
 * move now and approves it: the case files change hands, and the receiver is told by email. No
 * support ticket. Then a support agent, the other possible second approver, approves one from the
 * support queue, seeing counts only. A server of its own: the transfers change who holds what.
 */

const suite = useBrowserSuite({ ownServer: async () => ({}) });

type Named = { id: string; name: string };
type MailboxItem = { id: string; to: string; template: string; subject: string | null };

/**
 * A technician of Equip Nord who leaves, referent of two case files of the team; the receiver is
 * the demo basic-services technician.
 */
async function leavingTechnician(baseUrl: string) {
  const admin = await apiLogin(baseUrl, { username: 'administrator' });
  const teams = expectStatus(
    await admin.call<{ items: Named[] }>('GET', '/api/teams'),
    200,
    'list teams',
  );
  const nord = teams.items.find((team) => team.name === 'Equip Nord')!;
  const surname = uniqueWord();
  const leaving = await createProfessional(admin, {
    givenName: 'Pepa',
    surnames: `${surname} Marxa`,
    roles: ['tech_ssb'],
    teams: [{ teamId: nord.id, isCoordinator: false }],
  });
  const technician = await apiLogin(baseUrl, { username: 'tech-ssb' });
  const coordinatorApi = await apiLogin(baseUrl, { username: 'coordinator' });
  const places = expectStatus(
    await technician.call<{ items: Named[] }>('GET', '/api/municipalities'),
    200,
    'list municipalities',
  );
  const vilanova = places.items.find((m) => m.name === 'Vilanova de la Serra')!;
  const files: { id: string; number: string }[] = [];
  for (const givenName of ['Joan', 'Maria']) {
    const person = expectStatus(
      await technician.call<{ id: string }>('POST', '/api/persons', {
        givenName,
        firstSurname: surname,
        birthDate: '1980-01-01',
        municipalityId: vilanova.id,
      }),
      201,
      `record ${givenName}`,
    );
    files.push(
      expectStatus(
        await coordinatorApi.call<{ id: string; number: string }>('POST', '/api/case-files', {
          personId: person.id,
          scope: 'ssb',
          referentId: leaving.id,
        }),
        201,
        `open a case file for ${givenName}`,
      ),
    );
  }
  const me = expectStatus(
    await technician.call<{ id: string; givenName: string; surnames: string }>('GET', '/api/me'),
    200,
    'who is tech-ssb',
  );
  return {
    admin,
    nord,
    surname,
    leaving,
    technician,
    coordinatorApi,
    files,
    receiver: me,
    receiverName: `${me.givenName} ${me.surnames}`,
    leavingName: `Pepa ${surname} Marxa`,
  };
}

/** The case files' referent is now the receiver. */
async function expectMoved(s: Awaited<ReturnType<typeof leavingTechnician>>) {
  for (const file of s.files) {
    const read = expectStatus(
      await s.technician.call<{ referent: Named | null }>('GET', `/api/case-files/${file.id}`),
      200,
      `read ${file.number}`,
    );
    expect(read.referent?.name).toBe(s.receiverName);
  }
}

describe('a caseload transfer with a second approver', () => {
  it('is requested by a coordinator and runs once a second coordinator approves it', async () => {
    const en = TEXTS.en;
    const ca = TEXTS.ca;
    const { baseUrl } = suite;
    const s = await leavingTechnician(baseUrl);
    const { admin, nord, surname, leavingName, receiverName } = s;
    // A second coordinator of the team, who will approve.
    const password = 'the second coordinator approves 2026';
    const second = await createProfessional(admin, {
      givenName: 'Rosa',
      surnames: `${surname} Segona`,
      roles: ['coordinator'],
      teams: [{ teamId: nord.id, isCoordinator: true }],
    });
    await activate(
      baseUrl,
      await linkFromMailbox(admin, second.email, 'professional_activation'),
      password,
    );
    const words = en.caseload.transfers;

    const coordinator = await suite.openAs({ username: 'coordinator' }, { locale: 'en' });
    const approver = await suite.openAs({ username: second.username, password }, { locale: 'ca' });
    try {
      // The demo coordinator, on the team's caseload page: who leaves, to whom, why; a preview.
      const { page } = coordinator;
      await page.goto(`/teams/${nord.id}/caseload`);
      const form = page.getByRole('form', { name: words.formTitle });
      await form.getByLabel(words.fromProfessionalId).selectOption({ label: leavingName });
      await form.getByLabel(words.toProfessionalId).selectOption({ label: receiverName });
      await form.getByLabel(words.reason).fill('Pepa leaves the council at the end of the month.');
      await form.getByRole('button', { name: words.preview, exact: true }).click();
      await form.getByRole('heading', { name: words.willMove }).waitFor();
      const moved = fill(en.operationLines.lines.case_files_moved_other, { count: '2' });
      await form.getByText(new RegExp(`^${moved}`)).waitFor();
      await checkPage(page, 'caseload-transfer-preview-en');
      await form.getByRole('button', { name: words.request }).click();
      await page
        .getByText(fill(words.requested, { from: leavingName, to: receiverName }))
        .waitFor();
      // Her own request waits: she may cancel it, never approve it.
      const mine = page.getByRole('listitem').filter({
        has: page.getByRole('heading', {
          name: fill(words.itemTitle, { from: leavingName, to: receiverName }),
        }),
      });
      await mine.getByText(words.statuses.pending, { exact: false }).waitFor();
      expect(await mine.getByRole('button', { name: words.review }).count()).toBe(0);
      expect(await mine.getByRole('button', { name: words.cancel }).count()).toBe(1);

      // The second coordinator, in Catalan, on her home page: review, then approve.
      const other = approver.page;
      const cwords = ca.caseload.transfers;
      await other.reload();
      const item = other.getByRole('listitem').filter({
        has: other.getByRole('heading', {
          name: fill(cwords.itemTitle, { from: leavingName, to: receiverName }),
        }),
      });
      await item.getByRole('button', { name: cwords.review }).click();
      await item.getByRole('heading', { name: cwords.now }).waitFor();
      await checkPage(other, 'caseload-transfer-review-ca');
      await item.getByRole('button', { name: cwords.approve }).click();
      const confirm = other.getByRole('dialog', {
        name: fill(cwords.approveTitle, { from: leavingName, to: receiverName }),
      });
      const ran = other.waitForResponse((r) => r.url().endsWith('/approve'));
      await confirm.getByRole('button', { name: cwords.approve }).click();
      expect((await ran).status()).toBe(200);
      await other
        .getByText(fill(cwords.approved, { from: leavingName, to: receiverName }))
        .waitFor();

      // The case files changed hands; the receiver is told once, by email.
      await expectMoved(s);
      await expect
        .poll(
          async () => {
            const box = expectStatus(
              await admin.call<{ items: MailboxItem[] }>('GET', '/api/mailbox?limit=200'),
              200,
              'read the demo mailbox',
            );
            return box.items.filter(
              (m) => m.template === 'assignment' && m.to === `tech-ssb@${DEMO_DOMAIN}`,
            ).length;
          },
          { timeout: 20_000, interval: 250 },
        )
        .toBeGreaterThanOrEqual(1);
      expect(coordinator.pageErrors).toEqual([]);
      expect(approver.pageErrors).toEqual([]);
    } finally {
      await coordinator.context.close();
      await approver.context.close();
    }
  });

  it('is approved by a support agent from the support queue, who sees counts only', async () => {
    const es = TEXTS.es.caseload.transfers;
    const s = await leavingTechnician(suite.baseUrl);
    const { leavingName, receiverName } = s;
    const requested = expectStatus(
      await s.coordinatorApi.call<{ id: string }>('POST', '/api/caseload/transfers', {
        fromProfessionalId: s.leaving.id,
        toProfessionalId: s.receiver.id,
        caseFiles: 'open_and_closed',
        persons: false,
        agenda: false,
        reason: 'Pepa leaves the council at the end of the month.',
      }),
      201,
      'request the transfer',
    );
    const agent = await suite.openAs(
      { entity: 'support', username: 'support' },
      { locale: 'es', path: '/support' },
    );
    try {
      const { page } = agent;
      const section = page.getByRole('region', { name: es.agentTitle });
      const item = section.getByRole('listitem').filter({
        has: page.getByRole('heading', {
          name: fill(es.itemTitle, { from: leavingName, to: receiverName }),
        }),
      });
      await item.getByRole('button', { name: es.review }).click();
      await item.getByRole('heading', { name: es.now }).waitFor();
      // Counts only: the case file numbers are nowhere on the page.
      for (const file of s.files) expect(await page.getByText(file.number).count()).toBe(0);
      await checkPage(page, 'caseload-transfer-agent-review-es');
      await item.getByRole('button', { name: es.approve }).click();
      const confirm = page.getByRole('dialog', {
        name: fill(es.approveTitle, { from: leavingName, to: receiverName }),
      });
      const ran = page.waitForResponse((r) =>
        r.url().endsWith(`/caseload-transfers/${requested.id}/approve`),
      );
      await confirm.getByRole('button', { name: es.approve }).click();
      expect((await ran).status()).toBe(200);
      await page.getByText(fill(es.approved, { from: leavingName, to: receiverName })).waitFor();
      await expectMoved(s);
      // The requester's list names the agent as who approved.
      const mine = expectStatus(
        await s.coordinatorApi.call<{ items: { id: string; status: string; decidedBy: string }[] }>(
          'GET',
          '/api/caseload/transfers',
        ),
        200,
        "the coordinator's transfers",
      );
      expect(mine.items.find((x) => x.id === requested.id)).toMatchObject({
        status: 'done',
        decidedBy: 'Agent de Suport',
      });
      expect(agent.pageErrors).toEqual([]);
    } finally {
      await agent.context.close();
    }
  });
});
