import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import { startSmtpPeer } from '../server/src/testing/smtp-peer-process';
import type { SmtpPeer } from '../server/src/testing/smtp-peer-process';
import { checkPage, expectHeading, fill, TEXTS } from './browser';
import { unique } from './identity-api';
import { useBrowserSuite } from './suite';

/**
 * The public help form, before signing in: from the sign-in page to the help page, the form
 * (its proof of work solved in a Web Worker), the confirmation email received by a real SMTP
 * server, and its link, which opens the ticket. A server of its own: its emails go to the peer,
 * and its proof of work is easy (CALIU_POW_DIFFICULTY), so that the test does not wait on it.
 */

let peer: SmtpPeer;
const suite = useBrowserSuite({
  ownServer: async () => {
    peer = await startSmtpPeer();
    return {
      env: { SMTP_URL: peer.url, OUTBOX_POLL_MS: '50', CALIU_POW_DIFFICULTY: '8' },
      ownDatabase: true,
    };
  },
});

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

describe('the public help form', () => {
  it('from the sign-in page: the guidance, the form, the email, and the link opens the ticket', async () => {
    const text = TEXTS.en;
    const help = text.publicHelp;
    const { page, context, pageErrors } = await suite.open();
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: help.link }).click();
      await expectHeading(page, help.title);
      await page.getByRole('heading', { name: help.guidance.title }).waitFor();
      await page.getByText(help.guidance.entity).waitFor();
      await checkPage(page, 'public-help-form');

      // The honeypot is out of everyone's way: not in the accessibility tree, not focusable.
      const honeypot = page.locator('input[name="website"]');
      expect(await honeypot.getAttribute('tabindex')).toBe('-1');
      expect(await honeypot.getAttribute('autocomplete')).toBe('off');
      expect(await page.getByRole('textbox', { name: help.fields.website }).count()).toBe(0);

      const email = `help.${unique()}@${DEMO_DOMAIN}`;
      await page.getByRole('textbox', { name: text.auth.fields.entityCodeOrName }).fill('demo');
      await page.getByRole('textbox', { name: help.fields.name }).fill('Marta Vidal');
      await page.getByRole('textbox', { name: help.fields.email }).fill(email);
      await page
        .getByRole('textbox', { name: help.fields.description })
        .fill('It says "Error connecting to the server" since this morning.');
      await page.getByRole('button', { name: help.form.submit }).click();
      await page.getByRole('status').getByText(help.sentTitle).waitFor();
      await checkPage(page, 'public-help-sent');

      const mail = await emailTo(email);
      const link = /https?:\/\/[^\s/]+(\/help\/confirm#token=[A-Za-z0-9._~-]+)/.exec(mail)?.[1];
      expect(link, mail).toBeTruthy();
      await page.goto(link!);
      await expectHeading(page, help.confirm.title);
      // The token is read, then taken out of the address bar.
      expect(new URL(page.url()).hash).toBe('');
      await page.getByRole('button', { name: help.confirm.submit }).click();
      const status = page.getByRole('status');
      await status.getByText(help.confirm.doneTitle).waitFor();
      const done = (await status.textContent()) ?? '';
      expect(done).toMatch(/T-\d{4}-\d{6}/);
      const number = /T-\d{4}-\d{6}/.exec(done)![0];
      expect(done).toContain(fill(help.confirm.done, { number }));
      await checkPage(page, 'public-help-confirmed');

      // The link works once (a fresh load of the page, as from the email again).
      await page.goto('/login');
      await page.goto(link!);
      await page.getByRole('button', { name: help.confirm.submit }).click();
      await page
        .getByRole('alert')
        .getByText(/no longer valid/)
        .waitFor();
      await page.getByRole('link', { name: help.confirm.again }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
