import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import caCatalogues from '../server/src/locales/ca/case-files.json';
import enCatalogues from '../server/src/locales/en/case-files.json';
import esCatalogues from '../server/src/locales/es/case-files.json';
import itCatalogues from '../server/src/locales/it/case-files.json';
import { checkPage, expectHeading, fill, LANGS, signIn, TEXTS } from './browser';
import type { Lang } from './browser';
import { openTab } from './case-files-pages';
import { MARIA, openSearch, search } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * A technician's morning, in each of the four languages, as a newcomer would do it without
 * reading anything: search a person, see what is active for them, open their case file, record
 * a demand and an interview, pre-assign a resource, start an intervention plan, and find it all
 * in the timeline — with screenshots of the case file page. The demo's María García López has a
 * case file of tech-ssb (server/src/demo/seed-case-files.ts) with a demand and a problem.
 */

const suite = useBrowserSuite();
const { baseUrl } = suite;

/** The catalogues' labels, as the server names them in each language. */
const CATALOGUES = { ca: caCatalogues, es: esCatalogues, it: itCatalogues, en: enCatalogues };
const label = (lang: Lang, catalogue: string, code: string) =>
  (CATALOGUES[lang].catalogues as Record<string, Record<string, string>>)[catalogue]![code]!;

/** A field by its label, required or not (the asterisk is not part of the name). */
const field = (scope: Locator, name: string) =>
  scope.getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));

async function morning(lang: Lang) {
  const text = TEXTS[lang];
  const words = text.caseContent;
  const { context, page, pageErrors } = await suite.open({ baseUrl, locale: lang });
  const stamp = `${lang}-${Date.now().toString(36)}`;
  try {
    await signIn(page, { username: 'tech-ssb' });
    await openSearch(page, lang);
    expect(await search(page, lang, 'Maria Garcia Lopez')).toContain(MARIA.name);
    await page.getByRole('link', { name: MARIA.name }).first().click();
    await expectHeading(page, MARIA.name);
    const personPage = page.url();

    // At a glance: what is active for her, from the case files the technician reads.
    const active = page.getByRole('region', { name: text.persons.active.title });
    await active.getByText(label(lang, 'problem', 'social_isolation')).waitFor();
    const caseFileLink = active.getByRole('link', { name: /\d{4}\/\d{6}/ }).first();
    await caseFileLink.waitFor();
    await checkPage(page, `morning-person-${lang}`);
    await caseFileLink.click();
    await page.waitForURL(/\/case-files\/[0-9a-f-]{36}/);
    const timeline = page.getByRole('tabpanel');
    await timeline
      .getByText(label(lang, 'demand', 'home_care'))
      .first()
      .waitFor();

    // A demand of hers.
    await openTab(page, lang, 'demands');
    const demandForm = page.getByRole('form', { name: words.demand.record });
    await demandForm
      .getByRole('combobox', { name: words.fields.type })
      .selectOption({ label: label(lang, 'demand', 'economic_aid') });
    await demandForm
      .getByRole('combobox', { name: words.fields.person })
      .selectOption({ label: MARIA.name });
    await demandForm.getByLabel(words.demand.description).fill(`Ajuda pel lloguer ${stamp}`);
    await demandForm.getByRole('button', { name: words.demand.submit }).click();
    await page.getByText(words.demand.recorded).waitFor();
    await page
      .getByRole('region', { name: words.demand.list })
      .getByText(`Ajuda pel lloguer ${stamp}`)
      .waitFor();

    // An interview.
    await openTab(page, lang, 'interventions');
    const interview = page.getByRole('form', { name: text.caseFiles.intervention.title });
    await interview
      .getByRole('combobox', { name: text.caseFiles.intervention.type })
      .selectOption({ label: label(lang, 'intervention_type', 'interview') });
    await interview
      .getByRole('group', { name: text.caseFiles.intervention.persons })
      .getByRole('checkbox', { name: MARIA.name })
      .check();
    await interview.getByLabel(text.caseFiles.intervention.notes).fill(`Entrevista ${stamp}`);
    await interview.getByRole('button', { name: text.caseFiles.intervention.submit }).click();
    await page.getByText(text.caseFiles.intervention.recorded).waitFor();

    // Home care, pre-assigned: six hours a week.
    await openTab(page, lang, 'resources');
    const resourceForm = page.getByRole('form', { name: words.resource.record });
    await resourceForm
      .getByRole('combobox', { name: words.fields.type })
      .selectOption({ label: label(lang, 'resource', 'home_care_hours') });
    await resourceForm
      .getByRole('combobox', { name: words.fields.person })
      .selectOption({ label: MARIA.name });
    await field(resourceForm, words.resource.amount).fill('6');
    await resourceForm
      .getByRole('combobox', { name: words.resource.unit, exact: true })
      .selectOption({ label: words.resource.units.hours_per_week });
    await resourceForm.getByRole('button', { name: words.resource.submit.pre_assigned }).click();
    await page.getByText(words.resource.recorded).waitFor();
    const resources = page.getByRole('region', { name: words.resource.list });
    await resources.getByText(words.resource.states.pre_assigned).first().waitFor();
    await resources
      .getByRole('button', {
        name: fill(words.resource.moves.granted.named, {
          type: label(lang, 'resource', 'home_care_hours'),
          person: MARIA.name,
        }),
      })
      .first()
      .waitFor();
    await checkPage(page, `morning-resources-${lang}`);

    // An intervention plan, with one action and a review date.
    await openTab(page, lang, 'plans');
    await page.getByRole('button', { name: text.plans.start }).click();
    const plan = page.getByRole('form', { name: text.plans.newTitle });
    await field(plan, text.plans.form.objectives).fill(`Objectius ${stamp}`);
    const action = plan.getByRole('group', {
      name: fill(text.plans.form.actionRow, { number: '1' }),
    });
    await field(action, text.plans.form.action).fill('Sol·licitud SAD');
    await action
      .getByRole('combobox', { name: text.plans.form.who, exact: true })
      .fill('Marta Puig Serra');
    await plan.getByRole('button', { name: text.plans.form.addReview }).click();
    const review = plan.getByRole('group', {
      name: fill(text.plans.form.reviewRow, { number: '1' }),
    });
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await field(review, text.plans.form.reviewDate).fill(inAMonth);
    await plan.getByRole('button', { name: text.plans.form.submit }).click();
    await page.getByText(text.plans.notices.started).waitFor();
    await page.getByText(`Objectius ${stamp}`).waitFor();
    await checkPage(page, `morning-plans-${lang}`);

    // Everything in the timeline, most recent first; then only the demands.
    await openTab(page, lang, 'timeline');
    const entries = page.getByRole('tabpanel');
    await entries.getByText(`Entrevista ${stamp}`).waitFor();
    await entries.getByText(`Ajuda pel lloguer ${stamp}`).waitFor();
    await entries.getByText(`Objectius ${stamp}`).waitFor();
    await checkPage(page, `morning-timeline-${lang}`);
    const filters = page.getByRole('search', { name: words.timeline.filters });
    const kinds = filters.getByRole('group', { name: words.timeline.kinds });
    for (const kind of ['interventions', 'problems', 'resources', 'procedures', 'plans'] as const) {
      await kinds.getByRole('checkbox', { name: words.tabs[kind], exact: true }).uncheck();
    }
    await expect.poll(() => entries.getByText(`Entrevista ${stamp}`).count()).toBe(0);
    await entries.getByText(`Ajuda pel lloguer ${stamp}`).waitFor();

    // Back on her page: the plan's next review is there (the earliest pending one).
    await page.goto(personPage);
    await page
      .getByRole('region', { name: text.persons.active.title })
      .locator(`time[datetime]`)
      .first()
      .waitFor();
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
}

describe("a technician's morning", () => {
  for (const lang of LANGS) {
    it(`searches a person, opens their case file, records a demand and an interview, pre-assigns a resource and starts a plan (${lang})`, async () => {
      await morning(lang);
    });
  }
});
