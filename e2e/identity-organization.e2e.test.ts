import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, expectHeading, fill, pageOverflowsSideways, signIn, TEXTS } from './browser';
import { useBrowserSuite } from './suite';
import type { Lang } from './browser';
import { apiLogin, createProfessional, expectStatus, unique } from './identity-api';
import type { ApiSession } from './identity-api';

const suite = useBrowserSuite();
const { baseUrl } = suite;
let admin: ApiSession;

beforeAll(async () => {
  admin = await apiLogin(baseUrl, { username: 'administrator' });
});

async function openTab(page: Page, lang: Lang, tab: 'entity' | 'municipalities' | 'sectors') {
  const text = TEXTS[lang];
  await page
    .getByRole('navigation', { name: text.organization.tabs.label })
    .getByRole('link', { name: text.organization.tabs[tab] })
    .click();
}

describe('the organization pages', () => {
  it.each(['ca', 'en'] as const)(
    'show the entity settings, municipalities and sectors in %s',
    async (lang) => {
      const text = TEXTS[lang];
      const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
      try {
        await signIn(page, { username: 'administrator' });
        await page
          .getByRole('navigation', { name: text.navigation.label })
          .getByRole('link', { name: text.navigation.sections.organization })
          .click();
        await expectHeading(page, text.organization.entity.title);
        const name = page.getByLabel(text.organization.entity.name);
        await expect.poll(() => name.inputValue()).toBe('Consell Comarcal de Demostració');
        const zone = page.getByLabel(text.organization.entity.timeZone);
        expect(await zone.inputValue()).toBe('Europe/Madrid');
        // Shown by city and offset, not by its identifier.
        expect(await zone.locator('option:checked').textContent()).toMatch(
          /^Madrid · GMT\+0[12]:00$/,
        );
        await checkPage(page, `organization-entity-${lang}`);

        // A domain that is not one shows next to its field as soon as the field is left.
        const domains = page.getByLabel(text.organization.entity.emailDomains);
        await domains.fill('demo.caliu.example\nnot a domain');
        await name.focus();
        await page
          .getByText(fill(text.organization.entity.errors.badDomain, { domains: 'not, a, domain' }))
          .waitFor();
        expect(await domains.getAttribute('aria-invalid')).toBe('true');

        // The typing is unsaved: leaving for another tab asks first, and leaving discards it.
        await openTab(page, lang, 'municipalities');
        const leave = page.getByRole('dialog', { name: text.drafts.leaveTitle });
        await leave.getByRole('button', { name: text.drafts.leave }).click();
        await expectHeading(page, text.organization.municipalities.title);
        await page.getByRole('row', { name: /Vilanova de la Serra/ }).waitFor();
        await checkPage(page, `organization-municipalities-${lang}`);

        await openTab(page, lang, 'sectors');
        await expectHeading(page, text.organization.sectors.title);
        await page.getByRole('row', { name: /Sector Nord/ }).waitFor();
        await checkPage(page, `organization-sectors-${lang}`);

        await page.goto('/teams/new');
        await expectHeading(page, text.organization.teams.newTitle);
        await page.getByRole('checkbox', { name: 'Sector Sud' }).waitFor();
        await checkPage(page, `team-new-${lang}`);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('adds a municipality and a sector, and refuses in words to delete what is in use', async () => {
    const text = TEXTS.en;
    const suffix = unique();
    const town = `Vila Prova ${suffix}`;
    const sector = `Sector Prova ${suffix}`;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'administrator' });
      await page.goto('/organization/municipalities');
      await expectHeading(page, text.organization.municipalities.title);

      // A name already used: the refusal shows next to the name, with what was typed kept.
      const name = page.getByLabel(text.organization.municipalities.name, { exact: false }).first();
      await name.fill('Vilanova de la Serra');
      await page.getByRole('button', { name: text.organization.municipalities.add }).click();
      const taken = page.locator('.field__error').first();
      await taken.waitFor();
      expect(await taken.textContent()).toContain('Vilanova de la Serra');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await name.inputValue()).toBe('Vilanova de la Serra');

      const ine = page.getByLabel(text.organization.municipalities.ineCode);
      await name.fill(town);
      await ine.fill('123');
      await page.getByRole('button', { name: text.organization.municipalities.add }).click();
      await page.getByText(text.organization.municipalities.errors.ineCode).waitFor();
      await ine.fill('');
      await page.getByRole('button', { name: text.organization.municipalities.add }).click();
      await page.getByText(fill(text.organization.saved, { name: town })).waitFor();
      await page.getByRole('row', { name: new RegExp(town) }).waitFor();

      await openTab(page, 'en', 'sectors');
      await page.getByLabel(text.organization.sectors.name, { exact: false }).first().fill(sector);
      await page.getByRole('button', { name: text.organization.sectors.add }).click();
      await page.getByText(text.organization.sectors.errors.municipalities).waitFor();
      await page.getByRole('checkbox', { name: town }).check();
      await page.getByRole('button', { name: text.organization.sectors.add }).click();
      await page.getByText(fill(text.organization.saved, { name: sector })).waitFor();

      // The municipality is in the sector: deleting it is refused, and the page says why.
      await openTab(page, 'en', 'municipalities');
      const row = page.getByRole('row', { name: new RegExp(town) });
      await row.getByRole('button', { name: fill(text.forms.deleteNamed, { name: town }) }).click();
      await row.getByRole('button', { name: text.forms.deleteConfirm }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/sector/i);
      await checkPage(page, 'organization-delete-refused-en');

      // Once the sector is gone, the municipality can go too.
      await openTab(page, 'en', 'sectors');
      const sectorRow = page.getByRole('row', { name: new RegExp(sector) });
      await sectorRow
        .getByRole('button', { name: fill(text.forms.deleteNamed, { name: sector }) })
        .click();
      await sectorRow.getByRole('button', { name: text.forms.deleteConfirm }).click();
      await page.getByText(fill(text.organization.deleted, { name: sector })).waitFor();
      await openTab(page, 'en', 'municipalities');
      await row.getByRole('button', { name: fill(text.forms.deleteNamed, { name: town }) }).click();
      await row.getByRole('button', { name: text.forms.deleteConfirm }).click();
      await page.getByText(fill(text.organization.deleted, { name: town })).waitFor();
      await row.waitFor({ state: 'detached' });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('teams and their members', () => {
  let teamName: string;
  let teamId: string;
  let coordinatorName: string;
  const suffix = unique();

  beforeAll(async () => {
    // A team of its own, coordinated by the demo coordinator, so that no demo team changes.
    teamName = `Equip Coordinat ${suffix}`;
    const team = expectStatus(
      await admin.call<{ id: string }>('POST', '/api/teams', { name: teamName }),
      201,
      'create a team',
    );
    teamId = team.id;
    const found = expectStatus(
      await admin.call<{
        items: { id: string; username: string; givenName: string; surnames: string }[];
      }>('GET', '/api/professionals?q=coordinator'),
      200,
      'find the coordinator',
    );
    const coordinator = found.items.find((p) => p.username === 'coordinator')!;
    coordinatorName = `${coordinator.givenName} ${coordinator.surnames}`;
    expectStatus(
      await admin.call('PUT', `/api/teams/${teamId}/members`, {
        members: [{ professionalId: coordinator.id, isCoordinator: true }],
      }),
      200,
      'make the coordinator coordinate it',
    );
    await createProfessional(admin, { givenName: 'Berta', surnames: `Prova ${suffix}` });
    await createProfessional(admin, { givenName: 'Ona', surnames: `Prova ${suffix}` });
  });

  it('a coordinator configures the members of their team and does not see the organization pages', async () => {
    const text = TEXTS.it;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'it' });
    try {
      await signIn(page, { username: 'coordinator' });
      const sections = page.getByRole('navigation', { name: text.navigation.label });
      await sections.getByRole('link', { name: text.navigation.sections.teams }).waitFor();
      await sections.getByRole('link', { name: text.navigation.sections.professionals }).waitFor();
      expect(
        await sections.getByRole('link', { name: text.navigation.sections.organization }).count(),
      ).toBe(0);
      await page.goto('/organization');
      await expectHeading(page, text.notFound.title);
      await page.goto('/teams/new');
      await expectHeading(page, text.notFound.title);

      await page.goto('/teams');
      await expectHeading(page, text.organization.teams.title);
      expect(await page.getByRole('link', { name: text.organization.teams.new }).count()).toBe(0);
      await checkPage(page, 'teams-coordinator-it');
      await page.getByRole('link', { name: teamName }).click();
      await expectHeading(page, teamName);
      // Not the administrator: no form for the team's details, only its members.
      expect(await page.getByText(text.organization.teams.details).count()).toBe(0);

      const search = page.getByRole('searchbox', { name: text.organization.members.find });
      for (const given of ['Berta', 'Ona']) {
        await search.fill(`${given} Prova ${suffix}`);
        const name = `${given} Prova ${suffix}`;
        await page
          .getByRole('button', { name: fill(text.organization.members.addNamed, { name }) })
          .click();
        await page.getByRole('row', { name: new RegExp(name) }).waitFor();
      }
      await page
        .getByRole('checkbox', {
          name: fill(text.organization.members.coordinatesNamed, { name: `Ona Prova ${suffix}` }),
        })
        .check();
      await page.getByText(text.organization.members.unsaved).waitFor();
      await checkPage(page, 'team-members-it');
      // Unsaved changes hold the way out back, and staying keeps them.
      await page.getByRole('link', { name: text.organization.teams.back }).click();
      const leave = page.getByRole('dialog', { name: text.drafts.leaveTitle });
      await leave.getByRole('button', { name: text.drafts.stay }).click();
      await leave.waitFor({ state: 'hidden' });
      await page.getByText(text.organization.members.unsaved).waitFor();
      const saved = page.waitForResponse(
        (r) => r.url().endsWith(`/api/teams/${teamId}/members`) && r.request().method() === 'PUT',
      );
      await page.getByRole('button', { name: text.organization.members.save }).click();
      expect((await saved).status()).toBe(200);
      await page.getByText(text.organization.members.saved).waitFor();

      await page.reload();
      await page.getByRole('row', { name: new RegExp(`Berta Prova ${suffix}`) }).waitFor();
      const ona = page.getByRole('checkbox', {
        name: fill(text.organization.members.coordinatesNamed, { name: `Ona Prova ${suffix}` }),
      });
      expect(await ona.isChecked()).toBe(true);

      // Removing a member is saved the same way.
      await page
        .getByRole('button', {
          name: fill(text.organization.members.removeNamed, { name: `Berta Prova ${suffix}` }),
        })
        .click();
      await page.getByRole('button', { name: text.organization.members.save }).click();
      await page.getByText(text.organization.members.saved).waitFor();
      expect(await page.locator('.members-table tbody tr').count()).toBe(2);

      // Taking off their own coordination: asked first, with what they lose; then told where
      // they can still go, instead of a blank page.
      await page
        .getByRole('checkbox', {
          name: fill(text.organization.members.coordinatesNamed, { name: coordinatorName }),
        })
        .uncheck();
      await page.getByRole('button', { name: text.organization.members.save }).click();
      const question = page.getByRole('dialog', {
        name: fill(text.organization.members.leaveCoordination.title, { team: teamName }),
      });
      await question.waitFor();
      await checkPage(page, 'team-leave-coordination-it');
      await question
        .getByRole('button', { name: text.organization.members.leaveCoordination.stay })
        .click();
      await question.waitFor({ state: 'hidden' });
      await page.getByText(text.organization.members.unsaved).waitFor();
      await page.getByRole('button', { name: text.organization.members.save }).click();
      const put = page.waitForResponse(
        (r) => r.url().endsWith(`/api/teams/${teamId}/members`) && r.request().method() === 'PUT',
      );
      await question
        .getByRole('button', { name: text.organization.members.leaveCoordination.proceed })
        .click();
      expect((await put).status()).toBe(200);
      await page.waitForURL('**/teams');
      const left = page
        .getByRole('status')
        .filter({ hasText: fill(text.organization.teams.leftTeam, { team: teamName }) });
      await left.waitFor();
      await left.getByRole('link', { name: text.navigation.home }).waitFor();
      await checkPage(page, 'team-left-coordination-it');
      expect(await page.getByRole('link', { name: teamName }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the administrator every team, its details form and the new-team page, down to a tablet's width", async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({
      baseUrl,
      locale: 'en',
      viewport: { width: 768, height: 1024 },
    });
    try {
      await signIn(page, { username: 'administrator' });
      await page.goto('/teams');
      await page.getByRole('link', { name: 'Equip Nord' }).waitFor();
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, 'teams-en-tablet');
      await page.getByRole('link', { name: teamName }).click();
      await page.getByText(text.organization.teams.details).waitFor();
      expect(await page.getByLabel(text.organization.teams.name).inputValue()).toBe(teamName);
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, 'team-en-tablet');
      await page.goto('/teams/new');
      await expectHeading(page, text.organization.teams.newTitle);
      await checkPage(page, 'team-new-en-tablet');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
