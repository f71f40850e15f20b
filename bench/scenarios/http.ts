/**
 * The shape every HTTP scenario shares: record what the endpoint runs for each prepared request
 * (one request at a time, through HTTP), then measure the endpoint with the load generator and
 * its baseline with the replayer, each run after a warm-up of its own, first at a fixed rate
 * (latency target) and then at saturation (throughput ratio target).
 */
import { type Statement, type Replay, runBaseline } from '../harness/baseline';
import type { LoadRequest } from '../harness/load-child';
import { runLoad } from '../harness/load';
import type { Row } from '../harness/report';
import { type BenchServer, type BenchSession, call } from '../harness/server';
import { round } from '../harness/stats';

export type Timing = { warmup: number; fixed: number; saturation: number };

export type HttpScenario = {
  name: string;
  /** Requests, each with the session that sends it. */
  requests: { path: string; session: BenchSession }[];
  rate: number;
  p99TargetMs: number;
  /** Saturation throughput over the baseline's, at least. */
  ratioTarget: number;
  connections: number;
};

export async function measureHttp(
  server: BenchServer,
  replay: Replay,
  scenario: HttpScenario,
  timing: Timing,
  progress: (what: string) => void,
): Promise<Row[]> {
  progress(`${scenario.name}: recording ${scenario.requests.length} requests`);
  const recordings: Statement[][] = [];
  for (const request of scenario.requests) {
    recordings.push(
      await server.recorder.record(async () => {
        await call(server, request.session, request.path);
      }),
    );
  }
  const loadRequests: (LoadRequest & { headers: Record<string, string> })[] = scenario.requests.map(
    (r) => ({ method: 'GET', path: r.path, headers: r.session.headers }),
  );
  const plan = {
    url: server.url,
    headers: {},
    requests: loadRequests,
    connections: scenario.connections,
  };

  // Each measured run follows a warm-up of its own kind: the pools open their connections as
  // the load needs them, and a new connection prepares its statements and plans cold.
  const endpoint = async (seconds: number, rate?: number) => {
    await runLoad({ ...plan, seconds: timing.warmup, ...(rate ? { rate } : {}) });
    const result = await runLoad({ ...plan, seconds, ...(rate ? { rate } : {}) });
    const slowest = result.slowest.map(([s, ms]) => `${ms} ms at ${s} s`).join(', ');
    const late = result.sentLate
      ? `; generator sent late by ${result.sentLate.median} ms median, ${result.sentLate.p99} ms p99`
      : '';
    progress(`${scenario.name}${rate ? ` @ ${rate}/s` : ''}: slowest ${slowest}${late}`);
    return result;
  };
  const baseline = async (seconds: number, rate?: number) => {
    const options = { connections: scenario.connections, ...(rate ? { rate } : {}) };
    await runBaseline(replay, recordings, { ...options, seconds: timing.warmup });
    return runBaseline(replay, recordings, { ...options, seconds });
  };
  progress(`${scenario.name}: ${scenario.rate} requests/s for ${timing.fixed} s`);
  const fixed = await endpoint(timing.fixed, scenario.rate);
  const fixedBase = await baseline(timing.fixed, scenario.rate);
  progress(`${scenario.name}: saturation for ${timing.saturation} s`);
  const saturated = await endpoint(timing.saturation);
  const saturatedBase = await baseline(timing.saturation);

  const errorNote = (errors: number, statuses: Record<string, number>) =>
    errors > 0 ? `${errors} errors (statuses ${JSON.stringify(statuses)})` : undefined;
  const baselineOf = (b: typeof fixedBase) => ({
    median_ms: b.median_ms,
    p99_ms: b.p99_ms,
    throughput: b.throughput,
  });
  const fixedNote = errorNote(fixed.errors, fixed.statuses);
  const saturatedNote = errorNote(saturated.errors, saturated.statuses);
  const ratio = round(saturated.throughput / saturatedBase.throughput);
  return [
    {
      name: `${scenario.name} @ ${scenario.rate}/s`,
      median_ms: fixed.median_ms,
      p99_ms: fixed.p99_ms,
      throughput: fixed.throughput,
      baseline: baselineOf(fixedBase),
      ratio: round(fixed.p99_ms / fixedBase.p99_ms),
      target: `p99 ≤ ${scenario.p99TargetMs} ms`,
      met: !fixedNote && fixed.p99_ms <= scenario.p99TargetMs,
      ...(fixedNote ? { note: fixedNote } : {}),
    },
    {
      name: `${scenario.name} saturation`,
      median_ms: saturated.median_ms,
      p99_ms: saturated.p99_ms,
      throughput: saturated.throughput,
      baseline: baselineOf(saturatedBase),
      ratio,
      target: `≥ ${scenario.ratioTarget}× baseline`,
      met: !saturatedNote && ratio >= scenario.ratioTarget,
      ...(saturatedNote ? { note: saturatedNote } : {}),
    },
  ];
}
