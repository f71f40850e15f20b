import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { catalanDe, catalanEl } from '../common/src/catalan';
import { LOCALES, type Resources } from '../web/src/locales';
import { REPO_ROOT } from './harness';

export type Lang = 'ca' | 'es' | 'it' | 'en';
export const LANGS: readonly Lang[] = ['ca', 'es', 'it', 'en'];

/** The console's own texts, to check that a page really is in a language. */
export const TEXTS = LOCALES as unknown as Record<Lang, Resources>;

export const DEMO_ENTITY = 'demo';
export const DEMO_PASSWORD = 'caliu-demo';

export const SCREENSHOT_DIR = join(REPO_ROOT, '.test-results/screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium driven by playwright-core (it makes its own throw-away profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export type PageOptions = {
  baseUrl: string;
  /** The browser's language (navigator.languages and Accept-Language). */
  locale?: string;
  viewport?: { width: number; height: number };
  /** The browser's time zone (the console must show times in the entity's, not this one). */
  timezoneId?: string;
};

/** A fresh context (no cookies, empty storage) and page; uncaught page errors fail the test. */
export async function openPage(
  browser: Browser,
  {
    baseUrl,
    locale = 'en-GB',
    viewport = { width: 1280, height: 800 },
    timezoneId = 'America/New_York',
  }: PageOptions,
): Promise<{ context: BrowserContext; page: Page; pageErrors: Error[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport, timezoneId });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { context, page, pageErrors };
}

/** Fills and sends the sign-in form (the page must be on /login). */
export async function submitLogin(
  page: Page,
  { entity = DEMO_ENTITY, username, password = DEMO_PASSWORD }: LoginInput,
): Promise<void> {
  await page.locator('input[name="entity"]').fill(entity);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

export type LoginInput = { entity?: string; username: string; password?: string };

/**
 * Signs the page's browser context in through the API (the sign-in form has tests of its own,
 * which use `submitLogin`), then opens `path` and waits for the signed-in console.
 */
export async function signIn(page: Page, input: LoginInput, path = '/'): Promise<void> {
  const { entity = DEMO_ENTITY, username, password = DEMO_PASSWORD } = input;
  // The context's request client shares the browser's cookie jar: the session cookie lands there.
  const answer = await page.context().request.post('/api/auth/login', {
    data: { entity, username, password },
  });
  if (answer.status() !== 200) {
    throw new Error(`Sign-in of ${username}: ${answer.status()} ${await answer.text()}`);
  }
  await page.goto(path);
  await page.locator('header.topbar').waitFor();
}

/** Signs in as a person would, through the sign-in form (which remembers the entity). */
export async function signInThroughForm(page: Page, input: LoginInput): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, input);
  await page.locator('header.topbar').waitFor();
}

/** The console's current language as the page declares it. */
export async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** The form drafts the console keeps in this browser's storage, as stored (ciphertext). */
export function storedDrafts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('caliu.draft.'))
      .map((key) => localStorage.getItem(key) ?? ''),
  );
}

/** Saves a full-page screenshot as .test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** What an accessibility scan leaves out (CSS selectors of the page's own elements). */
export type AxeOptions = {
  /**
   * Frames that run no scripts (a sandboxed email) must be left out: axe cannot run inside them
   * and would wait for them forever.
   */
  exclude?: string[];
};

/**
 * Landmarks a screen-reader user moves between must each be told apart (a page's sections named
 * alike cannot be), whatever impact axe gives them.
 */
const LANDMARK_RULES = new Set([
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
]);

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation, and on
 * landmarks that cannot be told apart.
 */
export async function expectAccessible(
  page: Page,
  name: string,
  { exclude = [] }: AxeOptions = {},
): Promise<void> {
  const builder = new AxeBuilder({ page });
  for (const selector of exclude) builder.exclude(selector);
  const results = await builder.analyze();
  const severe = results.violations
    .filter(
      (violation) =>
        violation.impact === 'serious' ||
        violation.impact === 'critical' ||
        LANDMARK_RULES.has(violation.id),
    )
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(severe, `axe violations on ${name}`).toEqual([]);
}

/** Screenshot and accessibility scan of the page, under one name. */
export async function checkPage(page: Page, name: string, options?: AxeOptions): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name, options);
}

/** The element that has the keyboard focus, described for assertions. */
export async function focusedElement(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? null,
      label: element?.getAttribute('aria-label') ?? null,
      text: element?.textContent?.trim() ?? null,
      inDialog: Boolean(element?.closest('dialog[open]')),
    };
  });
}

/** Fills a console text's {{placeholders}} and their formats (Catalan elision), as i18next would. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(
    /\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g,
    (_, key: string, format: string | undefined) => {
      const value = values[key] ?? '';
      if (format === undefined) return value;
      if (format === 'de') return catalanDe(value);
      if (format === 'el') return catalanEl(value);
      throw new Error(`No format ${format} in ${text}`);
    },
  );
}

/** Waits until the page's one level-1 heading reads `text`. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text);
}

/** Whether the page scrolls sideways (something is wider than the window). */
export async function pageOverflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * Counts the page's requests in flight from now on. `settled()` waits until every request the
 * page made has been answered and none followed for `quietMs`: a test that moves the page's clock
 * or clears its cookies must not race an answer still on its way (`waitForLoadState('networkidle')`
 * cannot tell: it resolves at once when the page was idle once, before the console's own requests).
 */
export function watchRequests(page: Page): { settled(quietMs?: number): Promise<void> } {
  let inFlight = 0;
  let lastChange = Date.now();
  const started = () => {
    inFlight += 1;
    lastChange = Date.now();
  };
  const ended = () => {
    inFlight -= 1;
    lastChange = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async settled(quietMs = 1000) {
      await expect
        .poll(() => inFlight === 0 && Date.now() - lastChange >= quietMs, {
          timeout: 20_000,
          interval: 100,
        })
        .toBe(true);
    },
  };
}
