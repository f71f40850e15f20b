import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './pglite-lock';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'caliu-lock-'));
  dirs.push(dir);
  return dir;
}

/** Starts the real server on a data directory; resolves with its output once it listens or exits. */
function startCaliu(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      CALIU_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise<{
    child: ChildProcess;
    output: string;
    exitCode: number | null;
    url?: string;
  }>((resolve) => {
    child.stdout.on('data', () => {
      const match = /Caliu is running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, output, exitCode: null, url: match[1]! });
    });
    child.on('exit', (code) => resolve({ child, output, exitCode: code }));
  });
}

describe('the PGlite data directory lock', () => {
  it('refuses a second process on the same data directory, clears a stale lock after a kill', async () => {
    const dir = tempDir();
    const first = await startCaliu(dir);
    expect(first.url, first.output).toBeTruthy();

    const second = await startCaliu(dir);
    expect(second.exitCode).toBe(1);
    expect(second.output).toMatch(/already running on the data directory/);
    expect(second.output).toContain(String(first.child.pid));
    // The first one is unharmed.
    const health = await fetch(`${first.url!.replace('localhost', '127.0.0.1')}/api/health`);
    expect(health.status).toBe(200);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(existsSync(path.join(dir, 'caliu.lock'))).toBe(true);

    const third = await startCaliu(dir);
    expect(third.url, third.output).toBeTruthy();
    const again = await fetch(`${third.url!.replace('localhost', '127.0.0.1')}/api/health`);
    expect(again.status).toBe(200);
    third.child.kill('SIGTERM');
    await new Promise((r) => third.child.once('exit', r));
    expect(existsSync(path.join(dir, 'caliu.lock'))).toBe(false);
  }, 90_000);

  it('treats a lock whose process is gone as stale', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'caliu.lock'), '999999');
    const release = lockDataDir(dir, path.join(dir, 'pgdata'));
    // Now held by this process: a second open, even from here, is refused.
    expect(() => lockDataDir(dir, path.join(dir, 'pgdata'))).toThrow(DataDirLockedError);
    release();
    expect(existsSync(path.join(dir, 'caliu.lock'))).toBe(false);
  });

  it('names the holder when the lock is live', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'caliu.lock'), String(process.ppid));
    expect(() => lockDataDir(dir, path.join(dir, 'pgdata'))).toThrow(DataDirLockedError);
  });
});
