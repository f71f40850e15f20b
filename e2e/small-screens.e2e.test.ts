import { request } from 'playwright-core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN, DEMO_ENTITY_CODE } from '../server/src/demo/fixtures';
import { expectAccessible, screenshot, signIn, TEXTS } from './browser';
import type { LoginInput } from './browser';
import { apiLogin, expectStatus } from './identity-api';
import { uniqueWord } from './persons-pages';
import { useBrowserSuite } from './suite';

/**
 * Every page at a phone's width (390 px) and an upright tablet's (768 px): nothing wider than the
 * window (no sideways scroll), the support button in view and clickable, and no serious or
 * critical accessibility violation. One browser context per width and role walks through all the
 * pages that role may open; a tour reports every page that fails, not only the first.
 */

const suite = useBrowserSuite();
const text = TEXTS.en;

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/** The email's frame runs no scripts: axe cannot scan inside it (e2e/mailbox.e2e.test.ts). */
const AXE = { exclude: ['iframe.mail-frame'] };

/** Real records for the pages with parameters, found or made in beforeAll. */
type Records = {
  person: string;
  team: string;
  professional: string;
  mail: string;
  caseFile: string;
  caseFileNumber: string;
};
let records: Records;

type Tour = { who: string; login: LoginInput; paths: (ids: Records) => string[] };

/** The demo roles that between them open every console page. */
const TOURS: readonly Tour[] = [
  {
    who: 'administrator',
    login: { username: 'administrator' },
    paths: (ids) => [
      '/',
      '/profile',
      '/organization',
      '/organization/municipalities',
      '/organization/sectors',
      '/teams',
      '/teams/new',
      `/teams/${ids.team}`,
      '/professionals',
      '/professionals/new',
      `/professionals/${ids.professional}`,
      '/audit',
      '/audit/person',
      '/mailbox',
      `/mailbox/${ids.mail}`,
      '/outbox/failed',
      '/no-such-page',
    ],
  },
  {
    who: 'coordinator',
    login: { username: 'coordinator' },
    paths: (ids) => [
      '/',
      '/persons',
      '/persons?q=Garcia',
      '/persons/new',
      `/persons/${ids.person}`,
      `/persons/${ids.person}/edit`,
      `/persons?q=${encodeURIComponent(ids.caseFileNumber)}`,
      '/case-files',
      '/case-files?of=all',
      `/case-files/new?personId=${ids.person}`,
      `/case-files/${ids.caseFile}`,
      ...['demands', 'problems', 'resources', 'procedures', 'plans'].map(
        (tab) => `/case-files/${ids.caseFile}?tab=${tab}`,
      ),
      `/case-files/${ids.caseFile}/edit`,
      '/teams',
      `/teams/${ids.team}`,
      '/professionals',
      `/professionals/${ids.professional}`,
    ],
  },
  {
    who: 'tech-ssb',
    login: { username: 'tech-ssb' },
    paths: (ids) => [
      '/',
      '/persons?q=Garcia',
      `/persons/${ids.person}`,
      '/case-files',
      `/case-files/new?personId=${ids.person}`,
      '/profile',
    ],
  },
  {
    who: 'tech-admin',
    login: { username: 'tech-admin' },
    paths: (ids) => ['/case-files?of=all', `/case-files/${ids.caseFile}`],
  },
  {
    who: 'support agent',
    login: { entity: 'support', username: 'support' },
    paths: (ids) => ['/', '/mailbox', `/mailbox/${ids.mail}`, '/support', '/support/dashboard'],
  },
  {
    who: 'operator',
    login: { username: 'operator' },
    paths: (ids) => ['/', '/persons?q=Garcia', `/persons/${ids.person}`],
  },
];

/** The pages open to anyone, seen signed out. */
const PUBLIC_PATHS = ['/login', '/forgot-password', '/activate', '/reset-password', '/help'];

beforeAll(async () => {
  const { baseUrl } = suite;
  // A person with a long name, a long email and a history (a change of municipality), made by
  // the coordinator, who sees the full record of the persons of their team.
  const coordinator = await apiLogin(baseUrl, { username: 'coordinator' });
  const places = expectStatus(
    await coordinator.call<{ items: { id: string }[] }>('GET', '/api/municipalities'),
    200,
    'list municipalities',
  );
  const [first, second] = places.items;
  if (!first || !second) throw new Error('The demo has fewer than two municipalities');
  const created = expectStatus(
    await coordinator.call<{ id: string; version: number }>('POST', '/api/persons', {
      givenName: 'Maria dels Àngels',
      firstSurname: `Fernández-Villaverde ${uniqueWord()}`,
      secondSurname: 'Puigdomènech i Castellví',
      birthDate: '1948-11-23',
      email: 'maria.angels.fernandez.villaverde@correu-electronic-exemple.cat',
      address: 'Carrer de Sant Antoni Maria Claret, 167, escala B, 3r 2a',
      municipalityId: first.id,
    }),
    201,
    'create a person',
  );
  expectStatus(
    await coordinator.call('PATCH', `/api/persons/${created.id}`, {
      version: created.version,
      municipalityId: second.id,
    }),
    200,
    'move the person',
  );

  // A case file of that person with a second member and an interview with long notes, opened by
  // the coordinator (who sees its content; the technical administrator sees its header).
  const caseFile = expectStatus(
    await coordinator.call<{ id: string; number: string; openedOn: string }>(
      'POST',
      '/api/case-files',
      { personId: created.id, scope: 'ssb' },
    ),
    201,
    'open a case file',
  );
  const relative = expectStatus(
    await coordinator.call<{ items: { id: string }[] }>('GET', '/api/persons?q=Quispe%20Mamani'),
    200,
    'search a relative',
  );
  expectStatus(
    await coordinator.call('POST', `/api/case-files/${caseFile.id}/members`, {
      personId: relative.items[0]!.id,
      role: 'household',
    }),
    200,
    'link a relative',
  );
  const types = expectStatus(
    await coordinator.call<{ items: { id: string }[] }>('GET', '/api/catalogues/intervention_type'),
    200,
    'intervention types',
  );
  expectStatus(
    await coordinator.call('POST', `/api/case-files/${caseFile.id}/interventions`, {
      typeId: types.items[0]!.id,
      occurredOn: caseFile.openedOn,
      durationMinutes: 90,
      place: 'home',
      personIds: [created.id],
      notes: `${'Visita al domicili amb la persona i la seva filla gran. '.repeat(12)}\nAcords: tornar a parlar-ne d'aquí a quinze dies.`,
    }),
    201,
    'record an intervention',
  );

  const administrator = await apiLogin(baseUrl, { username: 'administrator' });
  const firstId = async (path: string) => {
    const page = expectStatus(
      await administrator.call<{ items: { id: string }[] }>('GET', path),
      200,
      path,
    );
    const id = page.items[0]?.id;
    if (!id) throw new Error(`Nothing at ${path}`);
    return id;
  };

  // A message in the demo mailbox: anyone may ask for a password reset (nothing changes).
  const api = await request.newContext({ baseURL: baseUrl });
  try {
    const answer = await api.post('/api/auth/password-reset-requests', {
      data: { entity: DEMO_ENTITY_CODE, email: `tech-immigration@${DEMO_DOMAIN}` },
    });
    expect(answer.status()).toBe(202);
  } finally {
    await api.dispose();
  }
  // The outbox worker delivers it in the background: ask until it is there.
  const deadline = Date.now() + 20_000;
  let mail = '';
  while (!mail && Date.now() < deadline) {
    mail = await firstId('/api/mailbox?limit=1').catch(() => '');
    if (!mail) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!mail) throw new Error('No message reached the demo mailbox');

  records = {
    person: created.id,
    team: await firstId('/api/teams'),
    professional: await firstId('/api/professionals'),
    mail,
    caseFile: caseFile.id,
    caseFileNumber: caseFile.number,
  };
});

/** Waits for the page's heading and for its data (no "Loading…" left). */
async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(
    (loading) =>
      ![...document.querySelectorAll('[role="status"], [aria-busy="true"]')].some(
        (element) =>
          element.getAttribute('aria-busy') === 'true' || element.textContent?.trim() === loading,
      ),
    text.common.loading,
  );
  // Two frames: what the page does once its data has laid out (a table's box that now scrolls
  // becomes a region) is done before it is measured.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * How far the page scrolls sideways, and the outermost elements that stick out of the window
 * without a box of their own to scroll in (a table in a scrolling box is fine).
 */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const all = [...document.body.querySelectorAll<HTMLElement>('*')];
    const describe = (element: HTMLElement) => {
      const classes = [...element.classList].join('.');
      const label = (element.textContent ?? '').trim().slice(0, 30);
      const right = Math.round(element.getBoundingClientRect().right);
      return `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''} "${label}" right=${right}`;
    };
    // A box that scrolls clips what it holds, except what is positioned against a box outside
    // it (a visually hidden text in a table whose scrolling box is not `position: relative`).
    const clippedByBox = (element: HTMLElement) => {
      const { position } = getComputedStyle(element);
      if (position === 'fixed') return false;
      const start = position === 'absolute' ? element.offsetParent : element.parentElement;
      for (let box = start; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = all.filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.right > width + 0.5 && !clippedByBox(element);
    });
    const outermost = wide.filter((element) => !wide.includes(element.parentElement!));
    // A box that does scroll sideways is a named region the keyboard can reach (to scroll it).
    const named = (box: HTMLElement) =>
      Boolean(
        box.getAttribute('aria-label') ||
        (box.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .some((id) => document.getElementById(id)?.textContent),
      );
    const unreachable = all.filter(
      (box) =>
        ['auto', 'scroll'].includes(getComputedStyle(box).overflowX) &&
        box.scrollWidth > box.clientWidth + 1 &&
        !(box.tabIndex === 0 && box.getAttribute('role') === 'region' && named(box)),
    );
    return {
      scroll: Math.max(0, root.scrollWidth - width),
      wide: outermost.slice(0, 5).map(describe),
      unreachable: unreachable.map(describe),
    };
  });
}

/** Where the support button is not fully in the window, or cannot be clicked; null when fine. */
async function supportButtonProblem(page: Page, viewport: Viewport): Promise<string | null> {
  const button = page.getByRole('button', { name: text.support.button, exact: true });
  const box = await button.boundingBox();
  if (!box) return 'support button not shown';
  const inside =
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width &&
    box.y + box.height <= viewport.height;
  if (!inside) return `support button outside the window: ${JSON.stringify(box)}`;
  // Playwright's actionability checks: visible, stable, enabled, and not covered by anything.
  const covered = await button
    .click({ trial: true, timeout: 2_000 })
    .then(() => null)
    .catch((error: Error) => `support button not clickable: ${error.message.split('\n')[0]}`);
  return covered;
}

/** Visits `path` and answers what is wrong with it at this size (nothing: an empty list). */
async function problemsOf(
  page: Page,
  path: string,
  viewport: Viewport,
  { signedIn, name }: { signedIn: boolean; name: string },
): Promise<string[]> {
  await page.goto(path);
  await settle(page);
  const problems: string[] = [];
  const overflow = await sidewaysOverflow(page);
  if (overflow.scroll > 0 || overflow.wide.length > 0) {
    problems.push(`scrolls ${overflow.scroll} px sideways: ${overflow.wide.join('; ')}`);
  }
  if (overflow.unreachable.length > 0) {
    problems.push(
      `scrolling box not a named, focusable region: ${overflow.unreachable.join('; ')}`,
    );
  }
  if (signedIn) {
    const support = await supportButtonProblem(page, viewport);
    if (support) problems.push(support);
  }
  await expectAccessible(page, name, AXE).catch((error: Error) =>
    problems.push(error.message.split('\n').slice(0, 12).join(' ')),
  );
  if (problems.length > 0) await screenshot(page, name);
  return problems.map((problem) => `${path}: ${problem}`);
}

const slug = (path: string) => path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';

describe.each(VIEWPORTS)('at $width px ($name)', (viewport) => {
  it.each(TOURS)(
    'fits every page of the $who',
    async ({ who, login, paths }) => {
      const { context, page, pageErrors } = await suite.open({ viewport, locale: 'en' });
      try {
        await signIn(page, login);
        // On a phone the support panel opens from the button and fits the window too.
        await page.getByRole('button', { name: text.support.button }).click();
        const panel = page.getByRole('dialog', { name: text.support.title });
        await panel.waitFor();
        const sheet = await panel.boundingBox();
        expect(sheet && sheet.x >= 0 && sheet.x + sheet.width <= viewport.width).toBe(true);
        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'hidden' });

        const problems: string[] = [];
        for (const path of paths(records)) {
          const name = `small-${viewport.width}-${slug(who)}-${slug(path)}`;
          problems.push(...(await problemsOf(page, path, viewport, { signedIn: true, name })));
        }
        expect(problems.join('\n')).toBe('');
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
      // A tour walks a role's every page (an accessibility scan each, a few seconds apiece): the
      // administrator's and the coordinator's take most of a minute on a loaded machine.
    },
    180_000,
  );

  it('fits the pages open to anyone, signed out', async () => {
    const { context, page, pageErrors } = await suite.open({ viewport, locale: 'en' });
    try {
      const problems: string[] = [];
      for (const path of PUBLIC_PATHS) {
        const name = `small-${viewport.width}-public-${slug(path)}`;
        problems.push(...(await problemsOf(page, path, viewport, { signedIn: false, name })));
      }
      expect(problems.join('\n')).toBe('');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
