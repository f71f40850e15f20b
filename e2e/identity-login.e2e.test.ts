import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkPage,
  DEMO_ENTITY,
  expectHeading,
  fill,
  htmlLang,
  submitLogin,
  TEXTS,
} from './browser';
import { useBrowserSuite } from './suite';
import {
  activate,
  apiLogin,
  createProfessional,
  enrolSecondFactor,
  freshCode,
  linkFromMailbox,
} from './identity-api';
import type { ApiSession, NewProfessional } from './identity-api';

const suite = useBrowserSuite();
const { baseUrl } = suite;
let admin: ApiSession;

/** A new professional, activated with this password (never a demo user: their state is shared). */
async function activatedProfessional(givenName: string, password: string) {
  const professional = await createProfessional(admin, { givenName });
  await activate(
    baseUrl,
    await linkFromMailbox(admin, professional.email, 'professional_activation'),
    password,
  );
  return professional;
}

beforeAll(async () => {
  admin = await apiLogin(baseUrl, { username: 'administrator' });
});

describe('the second step of a sign-in', () => {
  const password = 'the passphrase of quim 2026';
  let quim: NewProfessional;
  let recoveryCodes: string[];
  let secret: string;

  beforeAll(async () => {
    quim = await activatedProfessional('Quim', password);
    ({ recoveryCodes, secret } = await enrolSecondFactor(
      await apiLogin(baseUrl, { username: quim.username, password }),
    ));
  });

  it('signs in with a recovery code when the phone is not at hand, once per code', async () => {
    const text = TEXTS.es;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'es' });
    try {
      await page.goto('/login');
      await submitLogin(page, { username: quim.username, password });
      await page.getByRole('heading', { name: text.account.secondFactor.title }).waitFor();
      const code = page.getByRole('textbox', { name: text.account.secondFactor.code, exact: true });
      expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
      await checkPage(page, 'login-second-step-es');

      await page.getByRole('button', { name: text.account.secondFactor.useRecoveryCode }).click();
      const recovery = page.getByRole('textbox', {
        name: text.account.secondFactor.recoveryCode,
        exact: true,
      });
      await expect
        .poll(() => recovery.evaluate((element) => element === document.activeElement))
        .toBe(true);
      await checkPage(page, 'login-recovery-code-es');
      await recovery.fill(recoveryCodes[0]!);
      await page.getByRole('button', { name: text.account.secondFactor.submit }).click();
      await expectHeading(page, fill(text.home.greeting, { name: 'Quim' }));

      await page.goto('/profile');
      await page
        .getByText(fill(text.profile.secondFactor.codesLeft, { count: '9' }), { exact: true })
        .waitFor();
      await checkPage(page, 'profile-es');
      await page.getByRole('button', { name: text.auth.signOut }).click();
      await page.waitForURL('**/login');

      // A used code is refused, in words; the code typed stays; starting again keeps the account.
      await submitLogin(page, { username: quim.username, password });
      await page.getByRole('button', { name: text.account.secondFactor.useRecoveryCode }).click();
      await recovery.fill(recoveryCodes[0]!);
      const answer = page.waitForResponse('**/api/auth/login/second-factor');
      await page.getByRole('button', { name: text.account.secondFactor.submit }).click();
      const refusal = (await (await answer).json()) as { error: { code: string; message: string } };
      expect(refusal.error.code).toBe('auth.invalid_second_factor');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(refusal.error.message);
      expect(await recovery.inputValue()).toBe(recoveryCodes[0]);
      await page.getByRole('button', { name: text.account.secondFactor.startAgain }).click();
      expect(await page.locator('input[name="username"]').inputValue()).toBe(quim.username);
      expect(await page.locator('input[name="entity"]').inputValue()).toBe(DEMO_ENTITY);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("signs in with the app's code, and turns the second factor off with the password", async () => {
    const text = TEXTS.it;
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'it' });
    try {
      await page.goto('/login');
      await submitLogin(page, { username: quim.username, password });
      await page
        .getByRole('textbox', { name: text.account.secondFactor.code, exact: true })
        .fill(await freshCode(secret));
      await page.getByRole('button', { name: text.account.secondFactor.submit }).click();
      await expectHeading(page, fill(text.home.greeting, { name: 'Quim' }));

      await page.locator('a.topbar__profile').click();
      await page.getByText(text.profile.secondFactor.on, { exact: true }).waitFor();
      await checkPage(page, 'profile-second-factor-on-it');
      const current = page.locator('.remove-factor input[name="currentPassword"]');
      await current.fill('not the password');
      await page.getByRole('button', { name: text.profile.secondFactor.remove }).click();
      await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
      await current.fill(password);
      await page.getByRole('button', { name: text.profile.secondFactor.remove }).click();
      await page.getByText(text.profile.secondFactor.removed).waitFor();
      await page.getByText(text.profile.secondFactor.off, { exact: true }).waitFor();
      await page.getByRole('button', { name: text.profile.secondFactor.enrol }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('a forgotten password', () => {
  it('asks for the entity and the email, and answers the same whether or not they match', async () => {
    const text = TEXTS.it;
    const { context, page } = await suite.open({ baseUrl, locale: 'it' });
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: text.account.forgot.link }).click();
      await expectHeading(page, text.account.forgot.title);
      expect(await htmlLang(page)).toBe('it');
      await page.getByLabel(text.auth.fields.entityCodeOrName).fill('');
      await page.getByRole('button', { name: text.account.forgot.submit }).click();
      const email = page.getByLabel(text.account.forgot.email);
      await page.getByText(text.account.forgot.errors.email).waitFor();
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'forgot-password-it');

      await page.getByLabel(text.auth.fields.entityCodeOrName).fill(DEMO_ENTITY);
      await email.fill('nessuno@demo.caliu.example');
      await page.getByRole('button', { name: text.account.forgot.submit }).click();
      const sent = page.getByRole('status');
      await sent.getByText(text.account.forgot.sentTitle).waitFor();
      expect(await sent.textContent()).toContain(text.account.forgot.sent);
      await checkPage(page, 'forgot-password-sent-it');
    } finally {
      await context.close();
    }
  });

  it('sends a link that sets a new password, then the sign-in page is filled in', async () => {
    const text = TEXTS.en;
    const old = 'the first passphrase of pau';
    const pau = await activatedProfessional('Pau', old);
    const { context, page, pageErrors } = await suite.open({ baseUrl, locale: 'en' });
    try {
      await page.goto('/forgot-password');
      await expectHeading(page, text.account.forgot.title);
      await checkPage(page, 'forgot-password-en');
      await page.getByLabel(text.auth.fields.entityCodeOrName).fill(DEMO_ENTITY);
      await page.getByLabel(text.account.forgot.email).fill(pau.email);
      await page.getByRole('button', { name: text.account.forgot.submit }).click();
      // The same answer as for an email that matches no account.
      await page.getByRole('status').getByText(text.account.forgot.sent).waitFor();
      await checkPage(page, 'forgot-password-sent-en');

      const link = await linkFromMailbox(admin, pau.email, 'password_reset');
      expect(link).toMatch(/^\/reset-password#token=/);
      await page.goto(link);
      await expectHeading(page, text.account.reset.title);
      expect(page.url()).toBe(`${baseUrl}/reset-password`);
      await checkPage(page, 'reset-password-en');
      const fresh = 'the second passphrase of pau';
      await page.getByLabel(text.password.choose).fill(fresh);
      await page.getByLabel(text.password.repeat).fill(fresh);
      await page.getByRole('button', { name: text.password.save }).click();
      await page.waitForURL('**/login');
      await page.getByText(text.account.notices.passwordReset).waitFor();
      expect(await page.locator('input[name="username"]').inputValue()).toBe(pau.username);
      await page.locator('input[name="password"]').fill(fresh);
      await page.locator('form button[type="submit"]').click();
      await expectHeading(page, fill(text.home.greeting, { name: 'Pau' }));

      // The profile page changes it again; a wrong current password shows next to its field.
      await page.locator('a.topbar__profile').click();
      await expectHeading(page, text.profile.title);
      const current = page.locator('input[name="currentPassword"]');
      await current.fill('not my password at all');
      await page.locator('input[name="newPassword"]').fill('the third passphrase of pau');
      await page.locator('input[name="repeatPassword"]').fill('the third passphrase of pau');
      await page.getByRole('button', { name: text.profile.password.submit }).click();
      await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('input[name="newPassword"]').inputValue()).toBe(
        'the third passphrase of pau',
      );
      await current.fill(fresh);
      await page.getByRole('button', { name: text.profile.password.submit }).click();
      await page.getByText(text.profile.password.changed).waitFor();
      expect(await current.inputValue()).toBe('');
      await checkPage(page, 'profile-password-changed-en');

      // The link worked once.
      await page.goto(link);
      await page.getByLabel(text.password.choose).fill('yet another passphrase');
      await page.getByLabel(text.password.repeat).fill('yet another passphrase');
      await page.getByRole('button', { name: text.password.save }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('link', { name: text.account.forgot.link }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the activation page', () => {
  it('greets the professional by name, in the browser language', async () => {
    const nil = await createProfessional(admin, { givenName: 'Nil' });
    const link = await linkFromMailbox(admin, nil.email, 'professional_activation');
    for (const lang of ['it', 'en'] as const) {
      const text = TEXTS[lang];
      const { context, page } = await suite.open({ baseUrl, locale: lang });
      try {
        await page.goto(link);
        await expectHeading(page, text.account.activation.title);
        await page.getByText(fill(text.account.activation.greeting, { name: 'Nil' })).waitFor();
        expect(await page.locator('.account-facts').textContent()).toContain(nil.username);
        await page.getByLabel(text.password.choose).fill('xq7z');
        await expect
          .poll(() => page.locator('.password-rule--met').count())
          .toBe(1 /* only "not common" */);
        await checkPage(page, `activate-${lang}`);
      } finally {
        await context.close();
      }
    }
  });

  it("shows the server's words for a link that no longer works, and what to do", async () => {
    const token = 'not-a-real-token';
    const expected = await fetch(`${baseUrl}/api/auth/activation?token=${token}`, {
      headers: { 'accept-language': 'ca' },
    });
    const refusal = (await expected.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('auth.link_not_live');
    const text = TEXTS.ca;
    const { context, page } = await suite.open({ baseUrl, locale: 'ca' });
    try {
      await page.goto(`/activate#token=${token}`);
      await page.getByRole('alert').getByText(refusal.error.message).waitFor();
      await page.getByRole('link', { name: text.account.forgot.link }).waitFor();
      await page.getByRole('link', { name: text.account.backToLogin }).waitFor();
      await checkPage(page, 'activate-dead-link-ca');

      await page.goto('/reset-password');
      await page.getByRole('alert').getByText(text.account.link.missing).waitFor();
      await checkPage(page, 'reset-password-no-link-ca');
    } finally {
      await context.close();
    }
  });
});
