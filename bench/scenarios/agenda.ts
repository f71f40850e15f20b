import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/src/db/connect';
import type { Database } from '../../server/src/db/connect';
import { type Replay, rolledBack, type Statement } from '../harness/baseline';
import { SYNTHETIC_PASSWORD } from '../harness/population';
import type { Row } from '../harness/report';
import { type BenchServer, type BenchSession, call, signIn } from '../harness/server';
import { latencies, round, since } from '../harness/stats';

/**
 * `agenda`: the agenda's three everyday actions as a technician does them (issue 18) — open the
 * week (some 25 appointments of theirs with persons of the council, a team meeting, the SIAD
 * predicate over each), book an appointment (the agenda locked, conflicts and working hours
 * checked, the confirmation and reminder written to the outbox, audited), and cancel it. Each of
 * `count` technicians of different teams does each once, one request at a time; each request's
 * statements are replayed as its baseline (a write's rolled back instead of committed, so the
 * baseline is a little faster than the write it measures). Issue 26's `mixed` scenario reuses
 * `agendaActions` below for its share of agenda traffic.
 */

/** The week measured: a Monday in the future, so bookings are not in the past. */
const WEEK = '2031-03-03';
const APPOINTMENTS_PER_WEEK = 25;

const TARGETS = { week: 150, book: 200, cancel: 200 } as const;
type Action = keyof typeof TARGETS;

/** One technician's actions, ready to send: the requests issue 26's mixed load interleaves. */
export function agendaActions(personIds: readonly string[], slot: number) {
  const day = 3 + (slot % 5);
  // Afternoons: the filled mornings never conflict.
  const hour = 15 + (Math.floor(slot / 5) % 4);
  const at = (h: number, m: number) =>
    `2031-03-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return {
    week: { path: `/api/agenda?from=${WEEK}&days=7` },
    book: (professionalId: string) => ({
      path: '/api/appointments',
      write: {
        method: 'POST' as const,
        body: {
          professionalId,
          personIds: [personIds[slot % personIds.length]],
          startsAt: at(hour, 0),
          endsAt: at(hour, 45),
          place: 'office',
          notes: 'Benchmark appointment',
          confirmOutsideHours: true,
        },
      },
    }),
    cancel: (appointmentId: string) => ({
      path: `/api/appointments/${appointmentId}/cancel`,
      write: { method: 'POST' as const, body: { reason: 'Benchmark: the person cannot come' } },
    }),
  };
}

/** Fills each technician's measured week with appointments and a team meeting (SQL, once). */
async function fillWeeks(
  database: Database,
  entityId: string,
  technicians: readonly { id: string }[],
  personIds: readonly string[],
) {
  await database.asOwner(async (tx) => {
    await tx.execute(sql`DELETE FROM appointments WHERE entity_id = ${entityId}
      AND notes = 'Benchmark appointment'`);
    for (const [t, tech] of technicians.entries()) {
      const [done] = await rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM appointments WHERE entity_id = ${entityId}
          AND professional_id = ${tech.id} AND starts_at >= ${`${WEEK}T00:00:00Z`}::timestamptz
          AND starts_at < ${`${WEEK}T00:00:00Z`}::timestamptz + interval '7 days'`,
      );
      if (done!.n >= APPOINTMENTS_PER_WEEK) continue;
      for (let k = 0; k < APPOINTMENTS_PER_WEEK; k++) {
        // Five a day, Monday to Friday, mornings on the half hour (07:30–11:30 UTC).
        const hour = String((k % 5) + 7).padStart(2, '0');
        const start = `2031-03-0${3 + Math.floor(k / 5)}T${hour}:30:00Z`;
        const person = personIds[(t * APPOINTMENTS_PER_WEEK + k) % personIds.length]!;
        await tx.execute(sql`WITH a AS (
            INSERT INTO appointments (entity_id, professional_id, starts_at, ends_at, place, booked_by)
            VALUES (${entityId}, ${tech.id}, ${start}::timestamptz,
              ${start}::timestamptz + interval '45 minutes', 'office', ${tech.id})
            RETURNING id)
          INSERT INTO appointment_persons (entity_id, appointment_id, person_id)
          SELECT ${entityId}, a.id, ${person} FROM a`);
      }
    }
  });
}

export async function agendaScenario(
  server: BenchServer,
  replay: Replay,
  entityId: string,
  entityCode: string,
  teams: number,
  count: number,
  progress: (what: string) => void,
): Promise<Row[]> {
  const database = server.database;
  // Spread over the teams: each team has six SSB technicians in the synthetic council.
  const usernames = Array.from(
    { length: Math.min(count, teams * 6) },
    (_, i) => `t${1 + (i % teams)}-tech-ssb-${1 + Math.floor(i / teams)}`,
  );
  const technicians = await database.asOwner((tx) =>
    rowsOf<{ id: string; username: string }>(
      tx,
      sql`SELECT id, username FROM professionals WHERE entity_id = ${entityId}
        AND username IN (${sql.join(
          usernames.map((u) => sql`${u}`),
          sql`, `,
        )})`,
    ),
  );
  const persons = (
    await database.asOwner((tx) =>
      rowsOf<{ id: string }>(
        tx,
        sql`SELECT id FROM persons WHERE entity_id = ${entityId} AND status = 'active'
          ORDER BY md5(id::text) LIMIT ${technicians.length * APPOINTMENTS_PER_WEEK}`,
      ),
    )
  ).map((p) => p.id);
  progress(`agenda: filling ${technicians.length} technicians' weeks with appointments`);
  await fillWeeks(database, entityId, technicians, persons);

  const samples: Record<Action, number[]> = { week: [], book: [], cancel: [] };
  const recordings: Record<Action, Statement[][]> = { week: [], book: [], cancel: [] };
  progress(`agenda: ${technicians.length} technicians, each: week, book, cancel`);
  for (const [i, tech] of technicians.entries()) {
    const session: BenchSession = await signIn(
      server,
      entityCode,
      tech.username,
      SYNTHETIC_PASSWORD,
    );
    const actions = agendaActions(persons, i);
    const timed = async (action: Action, run: () => Promise<unknown>) => {
      let answer: unknown;
      let elapsed = 0;
      const statements = await server.recorder.record(async () => {
        const start = process.hrtime.bigint();
        answer = await run();
        elapsed = since(start);
      });
      samples[action].push(elapsed);
      recordings[action].push(action === 'week' ? statements : rolledBack(statements));
      return answer;
    };
    await timed('week', () => call(server, session, actions.week.path));
    const booking = actions.book(tech.id);
    const booked = (await timed('book', () =>
      call(server, session, booking.path, booking.write),
    )) as { appointment: { id: string } };
    const cancel = actions.cancel(booked.appointment.id);
    await timed('cancel', () => call(server, session, cancel.path, cancel.write));
  }

  const rows: Row[] = [];
  // Cancellations replay while their appointments stand; bookings once the booked ones are gone
  // (a booking's statements name the appointment's id).
  // A write replays on the state it found: its own messages and rows undone first (the
  // synthetic council has no other appointment messages than these).
  const benchmarked = sql`(SELECT id FROM appointments WHERE entity_id = ${entityId}
    AND notes = 'Benchmark appointment')`;
  for (const action of ['week', 'cancel', 'book'] as const) {
    if (action === 'cancel') {
      await database.asOwner(async (tx) => {
        await tx.execute(sql`DELETE FROM outbox_messages WHERE entity_id = ${entityId}
          AND id IN (SELECT outbox_message_id FROM appointment_messages
            WHERE kind = 'cancellation' AND appointment_id IN ${benchmarked})`);
        await tx.execute(sql`DELETE FROM appointment_messages WHERE kind = 'cancellation'
          AND appointment_id IN ${benchmarked}`);
        await tx.execute(sql`UPDATE appointments SET state = 'booked', cancel_reason = NULL,
            cancelled_by = NULL, cancelled_at = NULL
          WHERE id IN ${benchmarked}`);
      });
    }
    if (action === 'book') {
      await database.asOwner(async (tx) => {
        await tx.execute(sql`DELETE FROM outbox_messages WHERE entity_id = ${entityId}
          AND id IN (SELECT outbox_message_id FROM appointment_messages
            WHERE appointment_id IN ${benchmarked})`);
        await tx.execute(sql`DELETE FROM appointments WHERE id IN ${benchmarked}`);
      });
    }
    const base: number[] = [];
    for (const recording of recordings[action]) {
      const start = process.hrtime.bigint();
      await replay(recording);
      base.push(since(start));
    }
    const endpoint = latencies(samples[action]);
    const baseline = latencies(base);
    rows.push({
      name: `agenda-${action}`,
      median_ms: endpoint.median_ms,
      p99_ms: endpoint.p99_ms,
      throughput: null,
      baseline: { median_ms: baseline.median_ms, p99_ms: baseline.p99_ms, throughput: NaN },
      ratio: round(endpoint.p99_ms / baseline.p99_ms),
      target: `p99 ≤ ${TARGETS[action]} ms`,
      met: endpoint.p99_ms <= TARGETS[action],
      note: `${technicians.length} technicians, one request each, one at a time`,
    });
  }
  return rows;
}
