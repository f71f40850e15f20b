import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type WorkerProcess = {
  pid: number;
  /** How many messages this process has marked sent so far (from its debug log). */
  sent: () => number;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
};

/** Starts `npm run worker` (server/src/worker-main.ts) as its own process with this environment. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/worker-main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let sent = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.includes('"outbox: sent"')) sent++;
    else if (!line.includes('"level":20') && !line.includes('outbox worker started')) {
      console.error(`[worker ${child.pid}] ${line}`);
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { pid: child.pid!, sent: () => sent, kill: (signal) => child.kill(signal), exited };
}
