import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpPeer } from '../server/src/testing/smtp-peer-process';
import type { SmtpPeer } from '../server/src/testing/smtp-peer-process';
import { checkPage, DEMO_ENTITY, expectHeading, fill, signIn, submitLogin, TEXTS } from './browser';
import { useBrowserSuite } from './suite';
import { DEMO_DOMAIN, dni, freshCode, linkIn, unique } from './identity-api';

/**
 * The journey, on a server of its own whose emails go to a real SMTP server (the peer
 * process the messaging tests use): the administrator sets up a team and a professional, the
 * professional activates the account from the email, sets up a second factor, and signs in with
 * it. The shared demo server keeps its emails in the demo mailbox instead.
 */

let peer: SmtpPeer;
// A fresh data directory, or on PostgreSQL a database of its own: this server's worker, and no
// other, sends this test's email to the SMTP peer.
const suite = useBrowserSuite({
  ownServer: async () => {
    peer = await startSmtpPeer();
    return { env: { SMTP_URL: peer.url, OUTBOX_POLL_MS: '50' }, ownDatabase: true };
  },
});
const server = suite;

afterAll(async () => {
  await peer?.stop();
});

/** Waits for the email to `address` and answers its text. */
async function emailTo(address: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const mail = peer.received.find((m) => m.envelope.to.includes(address));
    if (mail?.text) return mail.text;
    await peer.waitFor(peer.received.length + 1, deadline - Date.now()).catch(() => undefined);
  }
  throw new Error(`No email to ${address} reached the SMTP server`);
}

async function createTeam(page: Page, name: string) {
  const text = TEXTS.en;
  await page
    .getByRole('navigation', { name: text.navigation.label })
    .getByRole('link', {
      name: text.navigation.sections.teams,
    })
    .click();
  await expectHeading(page, text.organization.teams.title);
  await page.getByRole('link', { name: text.organization.teams.new }).click();
  await expectHeading(page, text.organization.teams.newTitle);
  await page.getByLabel(text.organization.teams.name).fill(name);
  await page.getByRole('checkbox', { name: 'Sector Nord' }).check();
  await page.getByRole('button', { name: text.organization.teams.create }).click();
  await expectHeading(page, name);
  await page.getByText(text.organization.teams.created).waitFor();
}

describe('setting up a professional from the console, and their first sign-in', () => {
  it('the administrator creates a team and a professional, who activates, enrols and signs in', async () => {
    const text = TEXTS.en;
    const suffix = unique();
    const teamName = `Equip Est ${suffix}`;
    const email = `aina.${suffix}@${DEMO_DOMAIN}`;
    const admin = await suite.open({ baseUrl: server.baseUrl, locale: 'en' });
    let username: string;
    try {
      await signIn(admin.page, { username: 'administrator' });
      await createTeam(admin.page, teamName);

      const page = admin.page;
      await page.getByRole('link', { name: text.navigation.sections.professionals }).click();
      await expectHeading(page, text.professionals.title);
      await page.getByRole('link', { name: text.professionals.new.title }).click();
      await expectHeading(page, text.professionals.new.title);
      await page.getByLabel(text.professionals.fields.givenName).fill('Aina');
      await page.getByLabel(text.professionals.fields.surnames).fill(`Soler Prova ${suffix}`);
      await page.getByLabel(text.professionals.fields.documentNumber).fill(dni(Date.now()));
      await page.getByLabel(text.professionals.fields.email).fill(email);
      await page.getByRole('checkbox', { name: text.roles.tech_ssb }).check();
      await page.getByRole('checkbox', { name: teamName, exact: true }).check();
      await page.getByRole('button', { name: text.professionals.new.submit }).click();
      await expectHeading(page, `Aina Soler Prova ${suffix}`);
      const notice = page
        .getByRole('status')
        .filter({ hasText: text.professionals.activation.created });
      expect(await notice.textContent()).toContain(
        fill(text.professionals.activation.email, { email }),
      );
      username = (await page.locator('.professional-status .muted').textContent()) ?? '';
      expect(admin.pageErrors).toEqual([]);
    } finally {
      await admin.context.close();
    }

    // The email reached the SMTP server; its link opens the activation page.
    const link = linkIn(await emailTo(email));
    expect(link).toMatch(/^\/activate#token=/);

    const ca = TEXTS.ca;
    const { context, page, pageErrors } = await suite.open({
      baseUrl: server.baseUrl,
      locale: 'ca',
    });
    try {
      await page.goto(link);
      await expectHeading(page, ca.account.activation.title);
      await page.getByText(fill(ca.account.activation.greeting, { name: 'Aina' })).waitFor();
      const facts = (await page.locator('.account-facts').textContent()) ?? '';
      expect(facts).toContain(username);
      expect(facts).toContain('Consell Comarcal de Demostració');
      // The token is read, then taken out of the address bar.
      expect(page.url()).toBe(`${server.baseUrl}/activate`);

      // A common password is refused as it is typed, and on submit next to the field.
      const password = page.getByLabel(ca.password.choose);
      await password.fill('Qwerty123456');
      const commonRule = page.locator('.password-rule', { hasText: ca.password.rules.common });
      await expect.poll(() => commonRule.getAttribute('class')).not.toContain('--met');
      await page.getByLabel(ca.password.repeat).fill('Qwerty123456');
      await page.getByRole('button', { name: ca.password.save }).click();
      await page.getByText(ca.password.errors.common).waitFor();
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      // Not in the list but easy to guess: the estimator (the server's own) refuses it too.
      const guessableRule = page.locator('.password-rule', {
        hasText: ca.password.rules.guessable,
      });
      await password.fill('password1234');
      await page.getByLabel(ca.password.repeat).fill('password1234');
      await expect.poll(() => commonRule.getAttribute('class')).toContain('--met');
      await expect.poll(() => guessableRule.getAttribute('class')).not.toContain('--met');
      await page.getByRole('button', { name: ca.password.save }).click();
      await page.getByText(ca.password.errors.guessable).waitFor();

      const chosen = `la contrasenya de l'Aina ${suffix}`;
      await password.fill(chosen);
      await page.getByLabel(ca.password.repeat).fill(chosen);
      await expect.poll(() => commonRule.getAttribute('class')).toContain('--met');
      await expect.poll(() => guessableRule.getAttribute('class')).toContain('--met');
      await page.getByRole('button', { name: ca.password.save }).click();

      // The sign-in page, filled in, says the account is ready.
      await page.waitForURL('**/login');
      await page.getByText(ca.account.notices.activated).waitFor();
      expect(await page.locator('input[name="entity"]').inputValue()).toBe(DEMO_ENTITY);
      expect(await page.locator('input[name="username"]').inputValue()).toBe(username);
      await page.locator('input[name="password"]').fill(chosen);
      await page.locator('form button[type="submit"]').click();
      await expectHeading(page, fill(ca.home.greeting, { name: 'Aina' }));

      // The second factor, from the profile page (the user's name in the bar leads there).
      await page.locator('a.topbar__profile').click();
      await expectHeading(page, ca.profile.title);
      await page.getByRole('button', { name: ca.profile.secondFactor.enrol }).click();
      const secretText = await page.locator('.enrolment__secret code').textContent();
      const secret = (secretText ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(await page.locator('.recovery-codes li').count()).toBe(10);
      expect(await page.locator('img.enrolment__qr').getAttribute('src')).toMatch(
        /^data:image\/svg\+xml/,
      );
      await checkPage(page, 'profile-enrolment-ca');
      await page.getByRole('button', { name: ca.profile.secondFactor.codesDone }).click();
      expect(await page.locator('.recovery-codes').count()).toBe(0);
      await page
        .getByRole('textbox', { name: ca.account.secondFactor.code, exact: true })
        .fill(await freshCode(secret));
      await page.getByRole('button', { name: ca.profile.secondFactor.confirm }).click();
      await page.getByText(ca.profile.secondFactor.enrolled).waitFor();
      await page.getByText(ca.profile.secondFactor.on, { exact: true }).waitFor();

      // Signs out, and signs in again: the second step asks for the app's code.
      await page.getByRole('button', { name: ca.auth.signOut }).click();
      await page.waitForURL('**/login');
      await submitLogin(page, { username, password: chosen });
      await page.getByRole('heading', { name: ca.account.secondFactor.title }).waitFor();
      await checkPage(page, 'login-second-step-ca');
      await page
        .getByRole('textbox', { name: ca.account.secondFactor.code, exact: true })
        .fill(await freshCode(secret));
      await page.getByRole('button', { name: ca.account.secondFactor.submit }).click();
      await expectHeading(page, fill(ca.home.greeting, { name: 'Aina' }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);

  it('keeps an administrator on the profile page until they set up the second factor the entity now requires', async () => {
    const text = TEXTS.en;
    const { context, page, pageErrors } = await suite.open({
      baseUrl: server.baseUrl,
      locale: 'en',
    });
    try {
      await signIn(page, { username: 'administrator' });
      await page.goto('/organization');
      await expectHeading(page, text.organization.entity.title);
      await page
        .getByRole('checkbox', { name: text.organization.entity.requiresSecondFactor })
        .check();
      await page.getByRole('button', { name: text.forms.save }).click();

      // The requirement applies at once, to this very session.
      await expectHeading(page, text.profile.title);
      expect(page.url()).toBe(`${server.baseUrl}/profile`);
      const alert = page.getByRole('alert');
      expect(await alert.textContent()).toContain(text.profile.enrolmentRequired.title);
      expect(await page.getByRole('navigation', { name: text.navigation.label }).count()).toBe(0);
      await checkPage(page, 'profile-enrolment-required-en');
      await page.goto('/teams');
      await expectHeading(page, text.profile.title);
      expect(page.url()).toBe(`${server.baseUrl}/profile`);
      // Removing the second factor is not offered where it is required.
      expect(await page.getByText(text.profile.secondFactor.removeTitle).count()).toBe(0);

      await page.getByRole('button', { name: text.profile.secondFactor.enrol }).click();
      const secret = ((await page.locator('.enrolment__secret code').textContent()) ?? '').replace(
        /\s/g,
        '',
      );
      await page.getByRole('button', { name: text.profile.secondFactor.codesDone }).click();
      await page
        .getByRole('textbox', { name: text.account.secondFactor.code, exact: true })
        .fill(await freshCode(secret));
      await page.getByRole('button', { name: text.profile.secondFactor.confirm }).click();
      await page.getByText(text.profile.secondFactor.enrolled).waitFor();
      await page.getByText(text.profile.secondFactor.requiredNote).waitFor();
      await page.getByRole('link', { name: text.profile.secondFactor.continue }).click();
      await page
        .getByRole('navigation', { name: text.navigation.label })
        .getByRole('link', { name: text.navigation.sections.teams })
        .click();
      await expectHeading(page, text.organization.teams.title);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("throttles repeated failed sign-ins and says so in the user's language", async () => {
    // Last in this file: it makes this server's address wait.
    const failures = Array.from({ length: 10 }, () =>
      fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          entity: DEMO_ENTITY,
          username: 'nobody',
          password: 'wrong-password',
        }),
      }),
    );
    for (const answer of await Promise.all(failures)) expect(answer.status).toBe(401);

    const { context, page } = await suite.open({ baseUrl: server.baseUrl, locale: 'es' });
    try {
      await page.goto('/login');
      const answer = page.waitForResponse('**/api/auth/login');
      await submitLogin(page, { username: 'nobody', password: 'wrong-password' });
      const response = await answer;
      expect(response.status()).toBe(429);
      expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('auth.throttled');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(body.error.message);
      expect(body.error.message).toMatch(/intentos/);
      await checkPage(page, 'login-throttled-es');
    } finally {
      await context.close();
    }
  });
});
