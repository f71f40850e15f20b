import { describe, expect, it } from 'vitest';
import { checkPage, signIn, TEXTS } from './browser';
import { openTab } from './case-files-pages';
import { apiLogin, unique } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The demo coordinator's tools (issue 16), as seed 000 sends them: an intervention recorded in
 * the wrong case file is transferred to the right one (the number typed, what will happen read
 * before it happens), and a person linked to a case file by mistake is unlinked. The two case
 * files and their people are prepared through the API; everything the coordinator does is done
 * on the pages.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

type Id = { id: string };
type CaseFileAnswer = Id & { number: string };

async function prepare() {
  const api = await apiLogin(baseUrl, { username: 'coordinator' });
  const stamp = unique();
  const municipalities = await api.call<{ items: (Id & { name: string })[] }>(
    'GET',
    '/api/municipalities',
  );
  const municipalityId = municipalities.body.items.find(
    (m) => m.name === 'Vilanova de la Serra',
  )!.id;
  const person = async (givenName: string) =>
    (
      await api.call<Id>('POST', '/api/persons', {
        givenName,
        firstSurname: `Tools ${stamp}`,
        municipalityId,
      })
    ).body.id;
  const holder = await person('Pere');
  const lodger = await person('Aina');
  const open = async () =>
    (await api.call<CaseFileAnswer>('POST', '/api/case-files', { personId: holder, scope: 'ssb' }))
      .body;
  const wrong = await open();
  const right = await open();
  await api.call('POST', `/api/case-files/${right.id}/members`, {
    personId: lodger,
    role: 'other',
  });
  const types = await api.call<{ items: (Id & { code: string })[] }>(
    'GET',
    '/api/catalogues/intervention_type',
  );
  const notes = `Visita al domicili ${stamp}`;
  const visit = await api.call<Id>('POST', `/api/case-files/${wrong.id}/interventions`, {
    typeId: types.body.items.find((t) => t.code === 'home_visit')!.id,
    occurredOn: new Date().toISOString().slice(0, 10),
    personIds: [holder],
    notes,
  });
  expect(visit.status).toBe(201);
  return { wrong, right, notes, lodgerName: `Aina Tools ${stamp}` };
}

describe("the coordinator's tools", () => {
  it('transfers an intervention to the right case file and unlinks a person', async () => {
    const { wrong, right, notes, lodgerName } = await prepare();
    const text = TEXTS.en;
    const tools = text.caseTools;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'coordinator' }, `/case-files/${wrong.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(wrong.number) }).waitFor();
      await openTab(page, 'en', 'interventions');
      const entry = page.locator('li[data-kind="intervention"]', { hasText: notes });
      await entry.getByRole('button', { name: tools.transfer.button }).click();

      const dialog = page.getByRole('dialog', { name: tools.transfer.title });
      await dialog.getByLabel(tools.transfer.target).fill(right.number);
      await dialog.getByRole('button', { name: tools.transfer.check }).click();
      const preview = dialog.getByTestId('transfer-preview');
      await preview.getByText(`leave case file ${wrong.number}`, { exact: false }).waitFor();
      await preview.getByText(`part of case file ${right.number}`, { exact: false }).waitFor();
      await checkPage(page, 'coordinator-transfer-preview');
      await dialog.getByRole('button', { name: `Transfer to ${right.number}` }).click();
      await page.getByText(`was transferred to case file ${right.number}`).waitFor();
      await expect(page.getByText(notes).count()).resolves.toBe(0);

      // The intervention is in the right case file now.
      await page.goto(`/case-files/${right.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(right.number) }).waitFor();
      await openTab(page, 'en', 'interventions');
      await page.locator('li[data-kind="intervention"]', { hasText: notes }).waitFor();

      // The person linked by mistake is unlinked, after a question.
      const members = page.getByRole('table', {
        name: text.caseFiles.members.caption.replace('{{number}}', right.number),
      });
      await members
        .getByRole('button', {
          name: text.caseFiles.members.unlinkNamed.replace('{{name}}', lodgerName),
        })
        .click();
      await page
        .getByText(text.caseFiles.members.unlinkQuestion.replace('{{name}}', lodgerName))
        .waitFor();
      await page.getByRole('button', { name: text.caseFiles.members.unlinkConfirm }).click();
      await page
        .getByText(text.caseFiles.members.unlinked.replace('{{name}}', lodgerName))
        .waitFor();
      await expect(members.getByText(lodgerName).count()).resolves.toBe(0);
      await checkPage(page, 'coordinator-after-unlink');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
