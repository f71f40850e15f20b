import type { Replay, Statement } from '../harness/baseline';
import { SYNTHETIC_PASSWORD } from '../harness/population';
import type { Row } from '../harness/report';
import { type BenchServer, call, signIn } from '../harness/server';
import { latencies, round, since } from '../harness/stats';

/**
 * `alerts`: the home page's alert counts as a professional first sees them — computed, not
 * served from the minute's memory (home/service.ts keeps each professional's counts 30 s). Each
 * of `professionals` technicians (some 1,100 open case files each in the synthetic council, four
 * or five times a real caseload) and as many coordinators (one per team: the team's 10,000
 * persons and 20,000 case files, 9,000 of them open) signs in and asks once; the request is timed
 * and its statements recorded, then replayed one at a time as the baseline. One request at a
 * time: what is measured is the work of one count, which no load makes cheaper. The targets are
 * the alerts panel's, which fills in beside the home page: a technician's within 150 ms, a
 * coordinator's (a whole team's) within half a second.
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
    { name: 'technician', key: 'tech-ssb', perTeam: 6, p99TargetMs: 150 },
    { name: 'coordinator', key: 'coordinator', perTeam: 1, p99TargetMs: 500 },
  ];
  const rows: Row[] = [];
  for (const role of roles) {
    const count = Math.min(professionals, teams * role.perTeam);
    progress(`alerts: ${count} ${role.name}s, each asking once`);
    const samples: number[] = [];
    const recordings: Statement[][] = [];
    for (let i = 0; i < count; i++) {
      // Spread over the teams, each professional once: no answer comes from the cache.
      const [team, k] = [1 + (i % teams), 1 + Math.floor(i / teams)];
      const session = await signIn(
        server,
        entityCode,
        `t${team}-${role.key}-${k}`,
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
