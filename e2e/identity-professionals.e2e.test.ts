import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  checkPage,
  expectHeading,
  fill,
  pageOverflowsSideways,
  signIn,
  storedDrafts,
  TEXTS,
} from './browser';
import { useBrowserSuite } from './suite';
import type { Lang } from './browser';
import { DEMO_DOMAIN, dni, unique } from './identity-api';

const suite = useBrowserSuite();
const { baseUrl } = suite;

const TABLET = { width: 768, height: 1024 };

/** A form control by its accessible name (labels carry a hidden "*" when required). */
function control(page: Page, name: string) {
  return page.getByRole('textbox', { name, exact: true });
}

/** The message tied to a control through aria-describedby that says what is wrong with it. */
async function errorOf(page: Page, name: string): Promise<string | null> {
  const input = control(page, name);
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'));
  return errorId ? page.locator(`[id="${errorId}"]`).textContent() : null;
}

describe('the staff directory', () => {
  it.each([
    ['es', TABLET],
    ['en', { width: 1280, height: 800 }],
  ] as const)('searches and filters in %s', async (lang: Lang, viewport) => {
    const text = TEXTS[lang];
    const { context, page, pageErrors } = await suite.open({
      baseUrl,
      locale: lang,
      viewport,
    });
    try {
      await signIn(page, { username: 'administrator' });
      await page
        .getByRole('navigation', { name: text.navigation.label })
        .getByRole('link', { name: text.navigation.sections.professionals })
        .click();
      await expectHeading(page, text.professionals.title);
      await page.getByRole('link', { name: 'Puig Serra, Marta' }).waitFor();
      expect(await pageOverflowsSideways(page)).toBe(false);
      await checkPage(page, `professionals-${lang}${viewport === TABLET ? '-tablet' : ''}`);

      await page.getByRole('searchbox', { name: text.professionals.filters.q }).fill('puig');
      await page.getByRole('button', { name: text.professionals.filters.search }).click();
      await page.waitForURL('**/professionals?q=puig');
      await expect.poll(() => page.locator('.directory-table tbody tr').count()).toBe(1);

      await page.getByRole('searchbox', { name: text.professionals.filters.q }).fill('');
      await page.getByRole('button', { name: text.professionals.filters.search }).click();
      await page.getByLabel(text.professionals.filters.team).selectOption({ label: 'Equip Sud' });
      await page.waitForURL(/teamId=/);
      await expect
        .poll(() => page.getByRole('link', { name: 'Puig Serra, Marta' }).count())
        .toBe(0);
      await page.getByRole('link', { name: 'Martí Costa, Pere' }).waitFor();

      await page.getByLabel(text.professionals.filters.active).selectOption('false');
      await expect.poll(() => page.locator('.directory-table tbody tr').count()).toBe(0);
      await page.getByText(text.professionals.empty).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is read-only for a coordinator, who may not create professionals', async () => {
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await signIn(page, { username: 'coordinator' });
      await page.goto('/professionals');
      await page.getByRole('link', { name: 'Puig Serra, Marta' }).waitFor();
      expect(await page.getByRole('link', { name: text.professionals.new.title }).count()).toBe(0);
      await checkPage(page, 'professionals-coordinator-ca');
      await page.getByRole('link', { name: 'Puig Serra, Marta' }).click();
      await page.getByText(text.professionals.summary).waitFor();
      expect(await page.locator('form.professional-form').count()).toBe(0);
      await page.goto('/professionals/new');
      await expectHeading(page, text.notFound.title);
    } finally {
      await context.close();
    }
  });
});

describe('creating a professional', () => {
  it('checks the document and the email as they are typed, and keeps everything when the server refuses', async () => {
    const text = TEXTS.es;
    const fields = text.professionals.fields;
    const suffix = unique();
    const { context, page, pageErrors } = await suite.open({
      baseUrl,
      locale: 'es',
      viewport: TABLET,
    });
    try {
      await signIn(page, { username: 'administrator' });
      await page.goto('/professionals');
      await page.getByRole('link', { name: text.professionals.new.title }).click();
      await expectHeading(page, text.professionals.new.title);
      await page.getByText(text.professionals.hints.mobile).waitFor();

      await control(page, fields.givenName).fill('Lluna');
      await control(page, fields.surnames).fill(`Prova ${suffix}`);
      await control(page, fields.documentNumber).fill('12345678A');
      await control(page, fields.email).fill('lluna@gmail.com');
      await control(page, fields.usernameOptional).focus();
      // Both problems show next to their fields as soon as the fields are left.
      expect(await errorOf(page, fields.documentNumber)).toBe(
        text.professionals.errors.document.dni,
      );
      await expect
        .poll(() => errorOf(page, fields.email))
        .toBe(fill(text.professionals.errors.emailDomain, { domains: DEMO_DOMAIN }));
      expect(await control(page, fields.documentNumber).inputValue()).toBe('12345678A');
      expect(await control(page, fields.email).inputValue()).toBe('lluna@gmail.com');

      // The immigration technician needs a cost category; nobody else is asked for one.
      expect(await page.getByRole('radio').count()).toBe(0);
      await page.getByRole('checkbox', { name: text.roles.tech_immigration }).check();
      await page
        .getByRole('radio', { name: fill(text.professionals.costCategory, { category: 'B' }) })
        .waitFor();

      // Sending is refused by the form itself: the focus goes to the first field to fix.
      let requests = 0;
      page.on('request', (request) => {
        if (request.url().endsWith('/api/professionals') && request.method() === 'POST') requests++;
      });
      await page.getByRole('button', { name: text.professionals.new.submit }).click();
      await expect
        .poll(() =>
          control(page, fields.documentNumber).evaluate((el) => el === document.activeElement),
        )
        .toBe(true);
      await page.getByText(text.professionals.errors.costCategory).waitFor();
      expect(requests).toBe(0);
      await checkPage(page, 'professional-form-errors-es-tablet');
      expect(await pageOverflowsSideways(page)).toBe(false);

      // Fixed, but the email belongs to someone else: only the server knows; its words show next
      // to the email, and nothing typed is lost.
      await control(page, fields.documentNumber).fill(dni(Date.now()));
      await control(page, fields.email).fill(`tech-ssb@${DEMO_DOMAIN}`);
      await page
        .getByRole('radio', { name: fill(text.professionals.costCategory, { category: 'B' }) })
        .check();
      const refused = page.waitForResponse(
        (r) => r.url().endsWith('/api/professionals') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: text.professionals.new.submit }).click();
      const answer = await refused;
      expect(answer.status()).toBe(409);
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('professional.email_taken');
      await expect.poll(() => errorOf(page, fields.email)).toBe(body.error.message);
      expect(await control(page, fields.givenName).inputValue()).toBe('Lluna');
      expect(await control(page, fields.surnames).inputValue()).toBe(`Prova ${suffix}`);
      expect(
        await page.getByRole('checkbox', { name: text.roles.tech_immigration }).isChecked(),
      ).toBe(true);
      await checkPage(page, 'professional-form-refused-es-tablet');

      // Fixed again: created; the page says how the activation link went out.
      const email = `lluna.${suffix}@${DEMO_DOMAIN}`;
      await control(page, fields.email).fill(email);
      expect(await errorOf(page, fields.email)).toBeNull();
      await page.getByRole('checkbox', { name: 'Equip Nord', exact: true }).check();
      await page.getByRole('button', { name: text.professionals.new.submit }).click();
      await expectHeading(page, `Lluna Prova ${suffix}`);
      await page.getByText(fill(text.professionals.activation.email, { email })).waitFor();
      await page.getByText(text.professionals.activation.created).waitFor();
      await page.getByText(text.professionals.status.pending).waitFor();
      await checkPage(page, 'professional-created-es-tablet');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('cancels a half-typed new professional: back to the directory, nothing asked, no draft left', async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'administrator' }, '/professionals/new');
      await expectHeading(page, text.professionals.new.title);
      await control(page, text.professionals.fields.givenName).fill('Cancellina');
      await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
      await page.getByRole('button', { name: text.forms.cancel }).click();
      await expectHeading(page, text.professionals.title);
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(await storedDrafts(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("a professional's page", () => {
  it('edits, deactivates, reactivates and sends a new activation link', async () => {
    const text = TEXTS.en;
    const suffix = unique();
    const email = `biel.${suffix}@${DEMO_DOMAIN}`;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'administrator' });
      await page.goto('/professionals/new');
      await control(page, text.professionals.fields.givenName).fill('Biel');
      await control(page, text.professionals.fields.surnames).fill(`Prova ${suffix}`);
      await control(page, text.professionals.fields.documentNumber).fill(dni(Date.now() + 7));
      await control(page, text.professionals.fields.email).fill(email);
      await page.getByRole('checkbox', { name: text.roles.aux_admin }).check();
      await checkPage(page, 'professional-new-en');
      await page.getByRole('button', { name: text.professionals.new.submit }).click();
      await expectHeading(page, `Biel Prova ${suffix}`);
      await page.getByText(text.professionals.activation.created).waitFor();

      await page.getByRole('checkbox', { name: text.roles.tech_admin }).check();
      await page.getByRole('button', { name: text.forms.saveChanges }).click();
      await page.getByText(text.professionals.saved).waitFor();

      await page.getByRole('button', { name: text.professionals.actions.resend }).click();
      await page.getByText(fill(text.professionals.activation.email, { email })).waitFor();
      // The notice of creation spoke of the first link: only the new link's notice remains.
      expect(await page.getByText(text.professionals.activation.created).count()).toBe(0);

      await page.getByRole('button', { name: text.professionals.actions.deactivate }).click();
      await page
        .getByRole('button', { name: text.professionals.actions.deactivateConfirm })
        .click();
      await page.getByRole('button', { name: text.professionals.actions.reactivate }).waitFor();
      await page.locator('.professional-status').getByText(text.forms.inactive).waitFor();
      await checkPage(page, 'professional-inactive-en');
      await page.getByRole('button', { name: text.professionals.actions.reactivate }).click();
      await page.getByRole('button', { name: text.professionals.actions.deactivate }).waitFor();
      // Active again, and still waiting for the first sign-in: one state, never both.
      const status = page.locator('.professional-status');
      await status.getByText(text.professionals.status.pending).waitFor();
      expect(await status.getByText(text.forms.active, { exact: true }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses to deactivate a referent, listing what to transfer first', async () => {
    const text = TEXTS.en;
    const { context, page } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await signIn(page, { username: 'administrator' });
      await page.goto('/professionals?q=puig');
      await page.getByRole('link', { name: 'Puig Serra, Marta' }).click();
      await expectHeading(page, 'Marta Puig Serra');
      const answer = page.waitForResponse((r) => r.url().endsWith('/deactivate'));
      await page.getByRole('button', { name: text.professionals.actions.deactivate }).click();
      await page
        .getByRole('button', { name: text.professionals.actions.deactivateConfirm })
        .click();
      const refusal = (await (await answer).json()) as {
        error: { code: string; message: string; details: { message: string }[] };
      };
      expect(refusal.error.code).toBe('professional.is_referent');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const said = (await alert.textContent()) ?? '';
      expect(said).toContain(refusal.error.message);
      expect(said).toContain(text.professionals.actions.transferFirst);
      for (const detail of refusal.error.details) expect(said).toContain(detail.message);
      expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);
      // Still active.
      await page.getByRole('button', { name: text.professionals.actions.deactivate }).waitFor();
      await checkPage(page, 'professional-deactivate-refused-en');
    } finally {
      await context.close();
    }
  });
});
