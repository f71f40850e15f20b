import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, openPage, signIn, type LoginInput, type PageOptions } from './browser';
import { startServer, type RunningServer, type ServerOptions } from './harness';

/** What a browser-test file works with: its server's address, and fresh pages in its browser. */
export type BrowserSuite = {
  /** The shared demo server (e2e/global-setup.ts), or the file's own (`ownServer`). */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh context (no cookies, empty storage) and page; uncaught page errors are collected. */
  open(options?: Partial<PageOptions>): ReturnType<typeof openPage>;
  /**
   * A fresh page signed in as a demo login (or any other), at `path` (the home page by default).
   * The sign-in goes through the API: the sign-in form has tests of its own.
   */
  openAs(
    login: LoginInput,
    options?: Partial<PageOptions> & { path?: string },
  ): ReturnType<typeof openPage>;
};

/**
 * The one setup of every browser-test file: one Chromium for the file (launched before its first
 * test, closed after its last), on the server every file shares; a file that needs a server of
 * its own (another environment, a real SMTP peer) names its options and gets it for the file.
 */
export function useBrowserSuite(setup: { ownServer?: () => Promise<ServerOptions> } = {}) {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const shared = inject('baseUrl');

  beforeAll(async () => {
    if (setup.ownServer) server = await startServer(await setup.ownServer());
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const suite: BrowserSuite = {
    get baseUrl() {
      return server?.baseUrl ?? shared;
    },
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll: use it inside a test.');
      return browser;
    },
    open(options = {}) {
      return openPage(suite.browser, { baseUrl: suite.baseUrl, ...options });
    },
    async openAs(login, { path, ...options } = {}) {
      const opened = await suite.open(options);
      await signIn(opened.page, login, path);
      return opened;
    },
  };
  return suite;
}
