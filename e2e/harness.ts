import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The repository's root (this file lives in <root>/e2e). */
export const REPO_ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

const START_TIMEOUT_MS = 60_000;

export type RunningServer = { baseUrl: string; stop: () => Promise<void> };

/** A free TCP port on this machine (there is a small window before the server takes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}

/** Builds the console when web/dist is missing (the test runner normally builds it first). */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(REPO_ROOT, 'web/dist/index.html'))) return;
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build -w web failed');
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /api/health within 60 s:\n${output()}`);
}

/** What a test may change in the server it starts. */
export type ServerOptions = {
  /** More environment variables (SMTP_URL, for instance). */
  env?: Record<string, string>;
  /**
   * On a PostgreSQL server (TEST_DATABASE_URL) every browser-test server gets a throw-away
   * database of its own (default): the integration tests' data (their own demo entity, seeded
   * with another password) and another server's outbox worker stay out of its way.
   */
  ownDatabase?: boolean;
};

/** Creates a throw-away database beside TEST_DATABASE_URL's; answers its URL and its dropper. */
async function throwAwayDatabase(sharedUrl: string) {
  const admin = new URL(sharedUrl);
  const name = `caliu_e2e_${process.pid}_${Date.now()}`;
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Starts the real server (demo data on) as a child process on a free port, with a fresh PGlite
 * data directory, or a fresh database beside TEST_DATABASE_URL when set; resolves once
 * /api/health answers 200.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  ensureConsoleBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'caliu-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    CALIU_DEMO: '1',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const own =
    process.env.TEST_DATABASE_URL && options.ownDatabase !== false
      ? await throwAwayDatabase(process.env.TEST_DATABASE_URL)
      : null;
  if (own) env.DATABASE_URL = own.url;
  else if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  else env.CALIU_DATA_DIR = dataDir;

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killTimer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await own?.drop();
  };

  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
