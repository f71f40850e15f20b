// Full-page screenshots of the console's main pages at a desktop and a phone width, to compare
// the look before and after a change (of the styles, of the components).
//
//   npm run build -w web
//   node scripts/screenshots.mjs .tmp/screens/before          # takes the screenshots
//   node scripts/screenshots.mjs .tmp/screens/after --compare .tmp/screens/before
//
// It starts its own demo server (fresh data, like the browser tests) from this repository, or
// from `--server-root DIR` (another checkout whose web/dist is the console to photograph), and
// freezes the browser's clock so that relative dates read the same. `--compare DIR` compares
// every picture with the one of the same name in DIR (pixelmatch) and writes the differences
// beside them as <name>.diff.png.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'server-root': { type: 'string', default: root },
    compare: { type: 'string' },
  },
});
const outDir = path.resolve(positionals[0] ?? '.tmp/screens');
const serverRoot = path.resolve(values['server-root']);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];
const WIDTHS = [
  { name: '1280', viewport: { width: 1280, height: 800 } },
  { name: '390', viewport: { width: 390, height: 844 } },
];
const PASSWORD = 'caliu-demo';
const CLOCK = new Date('2026-12-04T10:00:00Z');

/** The pages, each as the user who sees it (none: signed out) and what shows it is ready. */
const SHOTS = [
  { name: 'login', user: null, path: '/login', ready: 'input[name="username"]' },
  { name: 'home', user: 'administrator', path: '/' },
  {
    name: 'persons-search',
    user: 'tech-ssb',
    path: '/persons?q=garcia%20lopez',
    ready: '.person-results-section[data-state="settled"] .person-result',
  },
  {
    name: 'person',
    user: 'tech-ssb',
    path: '/persons?q=12345678Z',
    ready: '.person-results-section[data-state="settled"] .person-result',
    open: async (page) => {
      await page.locator('.person-result a, a.person-result').first().click();
      await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    },
  },
  { name: 'person-new', user: 'tech-ssb', path: '/persons/new', ready: 'form' },
  { name: 'organization-entity', user: 'administrator', path: '/organization', ready: 'form' },
  {
    name: 'organization-municipalities',
    user: 'administrator',
    path: '/organization/municipalities',
    ready: 'table',
  },
  {
    name: 'organization-sectors',
    user: 'administrator',
    path: '/organization/sectors',
    ready: 'table',
  },
  { name: 'teams', user: 'administrator', path: '/teams', ready: 'table' },
  { name: 'professionals', user: 'administrator', path: '/professionals', ready: 'table' },
  { name: 'audit', user: 'administrator', path: '/audit', ready: 'table' },
  { name: 'mailbox', user: 'administrator', path: '/mailbox' },
];

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  if (!existsSync(path.join(serverRoot, 'web/dist/index.html'))) {
    throw new Error(`No console in ${serverRoot}/web/dist: run npm run build -w web first.`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caliu-screens-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      PORT: String(port),
      CALIU_DEMO: '1',
      CALIU_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error('The server did not start within 120 s');
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop };
}

async function shoot(browser, baseUrl, shot, width) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'en-GB',
    viewport: width.viewport,
    timezoneId: 'Europe/Madrid',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(CLOCK);
  try {
    if (shot.user) {
      const answer = await context.request.post('/api/auth/login', {
        data: { entity: 'demo', username: shot.user, password: PASSWORD },
      });
      if (answer.status() !== 200) throw new Error(`Sign-in of ${shot.user}: ${answer.status()}`);
    }
    await page.goto(shot.path);
    await page
      .locator(shot.ready ?? 'main h1')
      .first()
      .waitFor();
    if (shot.open) await shot.open(page);
    await page.waitForLoadState('networkidle');
    await page
      .locator('[role="status"]:has-text("Loading")')
      .first()
      .waitFor({ state: 'detached' });
    await page.evaluate('document.fonts.ready');
    const file = path.join(outDir, `${shot.name}-${width.name}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
    return file;
  } finally {
    await context.close();
  }
}

async function compare(beforeDir) {
  const { PNG } = await import('pngjs');
  const { default: pixelmatch } = await import('pixelmatch');
  const rows = [];
  for (const shot of SHOTS) {
    for (const width of WIDTHS) {
      const name = `${shot.name}-${width.name}.png`;
      const a = PNG.sync.read(readFileSync(path.join(beforeDir, name)));
      const b = PNG.sync.read(readFileSync(path.join(outDir, name)));
      if (a.width !== b.width || a.height !== b.height) {
        rows.push({
          name,
          differing: 'size',
          total: `${a.width}×${a.height} → ${b.width}×${b.height}`,
        });
        continue;
      }
      const diff = new PNG({ width: a.width, height: a.height });
      const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, {
        threshold: 0.1,
      });
      if (differing > 0)
        writeFileSync(path.join(outDir, name.replace(/\.png$/, '.diff.png')), PNG.sync.write(diff));
      rows.push({ name, differing, total: a.width * a.height });
    }
  }
  console.table(rows);
  return rows;
}

mkdirSync(outDir, { recursive: true });
const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    for (const width of WIDTHS) console.log(await shoot(browser, server.baseUrl, shot, width));
  }
} finally {
  await browser.close();
  await server.stop();
}
if (values.compare) await compare(path.resolve(values.compare));
