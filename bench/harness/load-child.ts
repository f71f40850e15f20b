/**
 * The load generator, run as its own process (bench/harness/load.ts starts it): autocannon
 * against 127.0.0.1 only, bounded in time, with the requests it is given. Latencies are taken
 * from each response as it arrives (autocannon's own histogram corrects for coordinated
 * omission at a fixed rate by inventing samples at 1 ms steps, which is not what we want to
 * report); only 2xx responses count as latencies, anything else as an error. Prints one JSON line.
 */
import autocannon from 'autocannon';
import { latencies } from './stats';

export type LoadRequest = { method: 'GET' | 'POST'; path: string; body?: string };
export type LoadPlan = {
  url: string;
  headers: Record<string, string>;
  requests: LoadRequest[];
  connections: number;
  seconds: number;
  /** Requests per second from all connections together; absent: as fast as they answer. */
  rate?: number;
};
export type LoadResult = ReturnType<typeof latencies> & {
  throughput: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
};

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
if (new URL(plan.url).hostname !== '127.0.0.1') {
  throw new Error(`The load generator only targets 127.0.0.1, not ${plan.url}`);
}
if (!(plan.seconds > 0 && plan.seconds <= 600)) throw new Error('seconds must be 1–600');

const samples: number[] = [];
const statuses: Record<string, number> = {};
let errors = 0;
let offset = 0;
let finish: (result: autocannon.Result) => void = () => {};
const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
const instance = autocannon(
  {
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    headers: plan.headers,
    ...(plan.rate ? { overallRate: plan.rate, ignoreCoordinatedOmission: true } : {}),
    requests: plan.requests,
    // Each connection starts at another place in the list, so they do not ask the same thing together.
    setupClient: (client: { setRequests(r: LoadRequest[]): void }) => {
      const step = Math.floor(plan.requests.length / plan.connections) * offset++;
      client.setRequests([...plan.requests.slice(step), ...plan.requests.slice(0, step)]);
    },
  },
  (error, result) => {
    if (error) throw error;
    finish(result);
  },
);
instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status >= 200 && status < 300) samples.push(ms);
  else errors++;
});
instance.on('reqError', () => errors++);
const result = await finished;
const summary: LoadResult = {
  ...latencies(samples),
  throughput: Math.round((samples.length / result.duration) * 10) / 10,
  errors: errors + result.timeouts,
  statuses,
  seconds: result.duration,
};
process.stdout.write(JSON.stringify(summary) + '\n');
