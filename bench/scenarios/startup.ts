import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from '../harness/report';
import { round, since } from '../harness/stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * Starts `npm start` on the data directory and answers how long until GET /api/health answers
 * 200 (polled every 20 ms), then stops it with SIGTERM and waits for it to exit.
 */
async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      CALIU_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let alive = true;
  void exited.then(() => (alive = false));
  try {
    for (;;) {
      if (!alive) throw new Error('npm start exited before it was ready');
      if (since(started) > 120_000) throw new Error('npm start was not ready in 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return since(started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    // The whole group: npm and the server it started.
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

/**
 * `startup`: `npm start` on an existing embedded (PGlite) data directory of `persons` persons
 * to a ready API. The first start (it adds the demo entity) is not counted; then `runs` starts,
 * the slowest of which must meet the target.
 */
export async function startupScenario(
  dataDir: string,
  persons: number,
  runs: number,
  progress: (what: string) => void,
): Promise<Row> {
  progress(`startup: first start on ${dataDir} (not counted)`);
  await startOnce(dataDir);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`startup: start ${i + 1} of ${runs}`);
    times.push(await startOnce(dataDir));
  }
  times.sort((a, b) => a - b);
  const slowest = times[times.length - 1]!;
  return {
    name: `startup (${persons.toLocaleString('en')} persons)`,
    median_ms: round(times[Math.floor(times.length / 2)]!, 0),
    p99_ms: round(slowest, 0),
    throughput: null,
    baseline: null,
    baseline_note: 'none: the target is the time to a ready API',
    ratio: null,
    target: '≤ 5000 ms',
    met: slowest <= 5000,
    note: `slowest of ${runs} starts (p99 column), npm start to GET /api/health 200`,
  };
}
