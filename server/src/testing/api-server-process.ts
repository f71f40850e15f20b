import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type MemoryFigures = {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
};

export type ApiServer = {
  url: string;
  /** The operating system's id of the server's process. */
  pid: number;
  /** The server's live memory now (it collects garbage first). */
  measure(): Promise<MemoryFigures>;
  stop(): Promise<void>;
  /** Kills the process outright (SIGKILL: no clean-up, as a crash), answering once it is gone. */
  kill(): Promise<void>;
};

/** Asks the child and waits for its answer (one question at a time). */
function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = () => reject(new Error('the API server exited'));
    child.once('exit', exited);
    child.once('message', (answer) => {
      child.off('exit', exited);
      resolve(answer as T);
    });
    child.send(message);
  });
}

/**
 * Starts api-server-main.ts — the API in its own Node process (garbage collection exposed) — on
 * the PostgreSQL database `databaseUrl`, and answers once it listens: for tests that measure what
 * the server holds (attachments' streaming) or kill it mid-request (the operations' crash test).
 */
export async function startApiServer(databaseUrl: string): Promise<ApiServer> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'server/src/testing/api-server-main.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        // Large blocks straight from the system and back to it when freed (glibc keeps them
        // otherwise, raising its threshold as it goes): the RSS then shows what is held.
        MALLOC_MMAP_THRESHOLD_: '65536',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number }));
    child.once('exit', (code) => reject(new Error(`the API server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    measure: () => ask<MemoryFigures>(child, 'measure'),
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send('stop');
      await exited;
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
