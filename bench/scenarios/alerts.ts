import type { Replay, Statement } from '../harness/baseline';
import { SYNTHETIC_PASSWORD } from '../harness/population';
import type { Row } from '../harness/report';
import { type BenchServer, call, signIn } from '../harness/server';
import { latencies, round, since } from '../harness/stats';

/**
 * `alerts`: the home page's alert counts as a professional first sees them — computed, not
 * served from the minute's memory (home/service.ts keeps each professional's counts 30 s). Each
 * of `professionals` technicians and as many coordinators (one per team: a team's 10,000
 * persons and 20,000 case files at any scale) signs in and asks once; the request is timed and
 * its statements recorded, then replayed one at a time as the baseline. One request at a time:
 * what is measured is the work of one count, which no load makes cheaper.
 */
export async function alertsScenario(
  server: BenchServer,
  replay: Replay,
  entityCode: string,
  teams: number,
  professionals: number,
  progress: (what: string) => void,
): Promise<Row[]> {
  const roles = [
    { name: 'technician', key: 'tech-ssb', p99TargetMs: 100 },
    { name: 'coordinator', key: 'coordinator', p99TargetMs: 300 },
  ];
  const rows: Row[] = [];
  for (const role of roles) {
    const count = Math.min(professionals, teams);
    progress(`alerts: ${count} ${role.name}s, each asking once`);
    const samples: number[] = [];
    const recordings: Statement[][] = [];
    for (let i = 0; i < count; i++) {
      // Spread over the teams, each professional once: no answer comes from the cache.
      const team = 1 + Math.floor((i * teams) / count);
      const session = await signIn(
        server,
        entityCode,
        `t${team}-${role.key}-1`,
        SYNTHETIC_PASSWORD,
      );
      let elapsed = 0;
      recordings.push(
        await server.recorder.record(async () => {
          const start = process.hrtime.bigint();
          await call(server, session, '/api/home/alerts');
          elapsed = since(start);
        }),
      );
      samples.push(elapsed);
    }
    const base: number[] = [];
    for (const recording of recordings) {
      const start = process.hrtime.bigint();
      await replay(recording);
      base.push(since(start));
    }
    const endpoint = latencies(samples);
    const baseline = latencies(base);
    rows.push({
      name: `alerts, ${role.name} (computed)`,
      median_ms: endpoint.median_ms,
      p99_ms: endpoint.p99_ms,
      throughput: null,
      baseline: { median_ms: baseline.median_ms, p99_ms: baseline.p99_ms, throughput: NaN },
      ratio: round(endpoint.p99_ms / baseline.p99_ms),
      target: `p99 ≤ ${role.p99TargetMs} ms`,
      met: endpoint.p99_ms <= role.p99TargetMs,
      note: `${count} ${role.name}s, one request each, one at a time`,
    });
  }
  return rows;
}
