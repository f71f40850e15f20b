/**
 * The load generator, run as its own process (bench/harness/load.ts starts it): autocannon
 * against 127.0.0.1 only, bounded in time, with the requests it is given. At a fixed rate each
 * connection sends on the even schedule of schedule.ts (autocannon's `overallRate` sends bursts:
 * see there) and a latency counts from when its request was due; at saturation each connection
 * sends as soon as the previous answer came and a latency is autocannon's. Only 2xx responses
 * count as latencies, anything else as an error. Prints one JSON line.
 */
import autocannon from 'autocannon';
import { scheduleFor, type Schedule } from './schedule';
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
  /** The five slowest requests: when each was due (s into the run) and its latency (ms). */
  slowest: [number, number][];
  /**
   * At a fixed rate, how late this process itself sent its requests (ms after they were due;
   * median and p99): a stall of the machine that delays the generator shows here, not only in
   * the server's latencies.
   */
  sentLate: { median: number; p99: number } | null;
};

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
if (new URL(plan.url).hostname !== '127.0.0.1') {
  throw new Error(`The load generator only targets 127.0.0.1, not ${plan.url}`);
}
if (!(plan.seconds > 0 && plan.seconds <= 600)) throw new Error('seconds must be 1–600');

const samples: number[] = [];
const late: number[] = [];
/** When (s into the run) each sample's request was due: where the slowest ones bunch. */
const at: number[] = [];
const statuses: Record<string, number> = {};
let errors = 0;
let offset = 0;

/** The part of autocannon's client the pacing wraps (autocannon 8.0.0, pinned). */
type Client = {
  setRequests(r: LoadRequest[]): void;
  _doRequest(): void;
  destroyed: boolean;
  dueAt?: number;
  sentLate?: number;
};
/**
 * The schedule starts this long after autocannon sets up its first client (it sets them all up
 * together), so that connecting is not counted as the first requests' latency.
 */
const LEAD_MS = 250;
let start = 0;

/**
 * Each call of the client's `_doRequest` (after each response) waits for the next due time. A
 * reconnection calls it again while a send may be waiting: that wait is dropped, so a
 * connection never runs two chains of requests.
 */
function pace(client: Client, schedule: Schedule) {
  const send = client._doRequest.bind(client);
  let waiting: NodeJS.Timeout | undefined;
  client._doRequest = () => {
    clearTimeout(waiting);
    const due = schedule.next();
    const go = () => {
      waiting = undefined;
      if (client.destroyed) return;
      client.dueAt = due;
      send();
    };
    const wait = due - performance.now();
    if (wait > 0) {
      // Only a send that waited on its timer says how late this process is: one due while the
      // previous answer was still awaited is late because of the server.
      waiting = setTimeout(() => {
        client.sentLate = performance.now() - due;
        go();
      }, wait);
    } else {
      client.sentLate = undefined;
      go();
    }
  };
}
let finish: (result: autocannon.Result) => void = () => {};
const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
const instance = autocannon(
  {
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    headers: plan.headers,
    requests: plan.requests,
    setupClient: (autocannonClient) => {
      const client = autocannonClient as unknown as Client;
      const index = offset++;
      if (index === 0) start = performance.now() + LEAD_MS;
      // Each connection starts at another place in the list, so they do not ask the same thing together.
      const step = Math.floor(plan.requests.length / plan.connections) * index;
      client.setRequests([...plan.requests.slice(step), ...plan.requests.slice(0, step)]);
      if (plan.rate) pace(client, scheduleFor(start, index, plan.connections, plan.rate));
    },
  },
  (error, result) => {
    if (error) throw error;
    finish(result);
  },
);
instance.on('response', (c: autocannon.Client, status: number, _bytes: number, ms: number) => {
  const client = c as unknown as Client;
  statuses[status] = (statuses[status] ?? 0) + 1;
  const latency = client.dueAt !== undefined ? performance.now() - client.dueAt : ms;
  if (status >= 200 && status < 300) {
    samples.push(latency);
    if (client.sentLate !== undefined) late.push(client.sentLate);
    at.push(((client.dueAt ?? performance.now() - ms) - start) / 1000);
  } else errors++;
});
instance.on('reqError', () => errors++);
const result = await finished;
const summary: LoadResult = {
  ...latencies(samples),
  throughput: Math.round((samples.length / result.duration) * 10) / 10,
  errors: errors + result.timeouts,
  statuses,
  seconds: result.duration,
  slowest: samples
    .map((ms, i) => [Math.round(at[i]! * 100) / 100, Math.round(ms)] as [number, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5),
  sentLate: late.length
    ? (({ median_ms, p99_ms }) => ({ median: median_ms, p99: p99_ms }))(latencies(late))
    : null,
};
process.stdout.write(JSON.stringify(summary) + '\n');
