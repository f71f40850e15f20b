import { generate } from 'otplib';
import { CSRF_HEADER } from '@caliu/common';
import { DEMO_DOMAIN } from '../server/src/demo/fixtures';
import { DEMO_ENTITY, DEMO_PASSWORD } from './browser';

/**
 * The identity API as the browser tests use it to prepare what a test needs (a new professional,
 * an activated account, a second factor) without going through pages another test already covers.
 */

export { DEMO_DOMAIN };

/** A suffix that makes names and emails unique across runs on a shared database. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export type ApiSession = {
  baseUrl: string;
  /** Sends a request with the session's cookie and CSRF token; answers status and body. */
  call: <T = unknown>(method: string, path: string, body?: unknown) => Promise<ApiAnswer<T>>;
};

export type ApiAnswer<T> = { status: number; body: T };

async function send<T>(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: T; response: Response }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'accept-language': 'en',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, response };
}

type Identity = { entity?: string; username: string; password?: string; secret?: string };

/** Signs in through the API (with the second factor's current code when a secret is given). */
export async function apiLogin(baseUrl: string, identity: Identity): Promise<ApiSession> {
  const credentials = {
    entity: identity.entity ?? DEMO_ENTITY,
    username: identity.username,
    password: identity.password ?? DEMO_PASSWORD,
  };
  let answer = await send<{ csrfToken?: string; challenge?: string }>(
    baseUrl,
    'POST',
    '/api/auth/login',
    credentials,
    {},
  );
  if (answer.body.challenge) {
    if (!identity.secret) throw new Error(`${identity.username} has a second factor`);
    answer = await send(
      baseUrl,
      'POST',
      '/api/auth/login/second-factor',
      {
        challenge: answer.body.challenge,
        code: await freshCode(identity.secret),
      },
      {},
    );
  }
  if (answer.status !== 200) {
    throw new Error(
      `Sign-in of ${identity.username}: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  const cookie = answer.response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair?.startsWith('caliu_session='));
  if (!cookie) throw new Error('No session cookie');
  const csrf = answer.body.csrfToken ?? '';
  return {
    baseUrl,
    call: async <T>(method: string, path: string, body?: unknown) => {
      const { status, body: data } = await send<T>(baseUrl, method, path, body, {
        cookie,
        [CSRF_HEADER]: csrf,
      });
      return { status, body: data };
    },
  };
}

/** Fails with the answer when it is not the one expected. */
export function expectStatus<T>(answer: ApiAnswer<T>, status: number, what: string): T {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

export type NewProfessional = {
  id: string;
  username: string;
  email: string;
  givenName: string;
  surnames: string;
};

/** A DNI with its right letter, from 8 digits. */
export function dni(digits: number): string {
  const number = String(digits % 100_000_000).padStart(8, '0');
  return `${number}${'TRWAGMYFPDXBNJZSQVHLCKE'[Number(number) % 23]}`;
}

/** The administrator creates a professional of the demo entity (the link goes by email). */
export async function createProfessional(
  admin: ApiSession,
  fields: { givenName?: string; surnames?: string; roles?: string[]; teams?: object[] } = {},
): Promise<NewProfessional> {
  const suffix = unique();
  const body = {
    givenName: fields.givenName ?? 'Provisional',
    surnames: fields.surnames ?? `Prova ${suffix}`,
    documentType: 'dni',
    documentNumber: dni(Math.floor(Math.random() * 99_999_999)),
    email: `e2e-${suffix}@${DEMO_DOMAIN}`,
    roles: fields.roles ?? ['tech_ssb'],
    teams: fields.teams ?? [],
  };
  const created = expectStatus(
    await admin.call<NewProfessional>('POST', '/api/professionals', body),
    201,
    'create a professional',
  );
  return created;
}

type MailboxSummary = { id: string; to: string; template: string };

/** The secret link of the newest message of `template` to `email` in the demo mailbox. */
export async function linkFromMailbox(
  admin: ApiSession,
  email: string,
  template: 'professional_activation' | 'password_reset',
): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const page = expectStatus(
      await admin.call<{ items: MailboxSummary[] }>('GET', '/api/mailbox?limit=200'),
      200,
      'read the demo mailbox',
    );
    const found = page.items.find((m) => m.to === email && m.template === template);
    if (found) {
      const message = expectStatus(
        await admin.call<{ text: string }>('GET', `/api/mailbox/${found.id}`),
        200,
        'read a message',
      );
      return linkIn(message.text);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No ${template} message to ${email} in the demo mailbox`);
}

/** The address of the first Caliu link (`…#token=…`) in a message's text, path and fragment. */
export function linkIn(text: string): string {
  const match = /https?:\/\/[^\s/]+(\/[a-z-]+#token=[A-Za-z0-9._~-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`No link in: ${text}`);
  return match[1];
}

/** Activates an account through its link (path and fragment) with this password. */
export async function activate(baseUrl: string, link: string, password: string): Promise<void> {
  const token = new URLSearchParams(link.split('#')[1]).get('token');
  expectStatus(
    await send(baseUrl, 'POST', '/api/auth/activate', { token, password }, {}),
    200,
    'activate',
  );
}

const lastStep = new Map<string, number>();

/**
 * A TOTP code of a 30-second step not yet used with this secret (the server refuses a replayed
 * step). The server accepts the next step too (a phone's clock a little ahead), so a second code
 * within one step is the next step's, without waiting; only a third would wait for a step to pass.
 */
export async function freshCode(secret: string): Promise<string> {
  const current = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(current(), (lastStep.get(secret) ?? -1) + 1);
  if (step > current() + 1) {
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 200));
  }
  lastStep.set(secret, step);
  return generate({ secret, epoch: step * 30 });
}

/** Enrols a second factor for the signed-in professional; answers its secret and recovery codes. */
export async function enrolSecondFactor(session: ApiSession) {
  const enrolment = expectStatus(
    await session.call<{ secret: string; recoveryCodes: string[] }>(
      'POST',
      '/api/me/second-factor/enrolment',
    ),
    200,
    'start the enrolment',
  );
  const code = await freshCode(enrolment.secret);
  expectStatus(
    await session.call('POST', '/api/me/second-factor/confirm', { code }),
    204,
    'confirm the enrolment',
  );
  return enrolment;
}
