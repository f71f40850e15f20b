import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config';
import { findTemplate } from '../../platform/messaging/templates';
import { manualClock } from '../../testing/app';
import { createTestSubmission } from '../../testing/community-help-factories';
import { NEEDS_POSTGRES, onPostgres, testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { eventually, messagingConfig, outboxOf } from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { startWorkerProcess, type WorkerProcess } from '../../testing/worker-process';
import { HELP_INTAKE_WATCH_EVERY_MS, notifyEntity, watchHelpIntake } from './watcher';

/**
 * The watcher (issue 22 item 4): an entity's active operators hear of help-form submissions
 * waiting for the import at most once per period (HELP_INTAKE_NOTIFY_MINUTES), a steady trickle
 * bringing one email every period; the email has the count and a link, nothing personal; one
 * email per period whatever the number of processes (decided in the database).
 */

const MINUTE = 60_000;

async function setUp(env: NodeJS.ProcessEnv = {}) {
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const base = messagingConfig({ HELP_INTAKE_NOTIFY_MINUTES: '5', ...env });
  const config: Config = { ...base, outbox: { ...base.outbox, entities: [entity.id] } };
  const operators = [
    await createTestProfessional(db, entity, { roles: ['operator'] }),
    await createTestProfessional(db, entity, { roles: ['operator', 'head_of_operations'] }),
  ];
  // Neither an inactive operator nor a technician is told.
  await createTestProfessional(db, entity, { roles: ['operator'], active: false });
  await createTestProfessional(db, entity, { roles: ['tech_ssb'], teams: [entity.teams.north] });
  const clock = manualClock(new Date('2026-05-04T09:00:00Z'));
  const submit = (name = 'Maria Garcia Puig') =>
    createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { name, phone: '600 99 88 77', email: 'maria.garcia@private.example' },
    });
  const emails = async () =>
    (await outboxOf(db, entity.id)).filter((m) => m.template === 'help_requests_waiting');
  return { db, entity, config, operators, clock, submit, emails };
}

describe('the help intake watcher', () => {
  it('emails the operators once per period, a trickle once every period, nothing personal', async () => {
    const { db, entity, config, operators, clock, submit, emails } = await setUp();
    const watch = () => watchHelpIntake(db, config, clock.now());
    expect(await watch()).toBe(0); // nothing submitted

    await submit();
    await submit('Josep Vidal Soler');
    expect(await watch()).toBe(2);
    expect(new Set((await emails()).map((m) => m.recipient))).toEqual(
      new Set(operators.map((o) => o.email)),
    );
    expect((await emails())[0]!.data).toMatchObject({
      count: 2,
      consoleUrl: 'https://caliu.test.example/help-requests',
    });

    // A trickle: one more a minute. Within the period nothing; once it is over, one email each.
    for (let minute = 1; minute < 5; minute++) {
      clock.advance(MINUTE);
      await submit();
      expect(await watch()).toBe(0);
    }
    clock.advance(MINUTE);
    expect(await watch()).toBe(2);
    expect((await emails()).length).toBe(4);
    const second = (await emails()).find((m) => (m.data as { count: number }).count === 6);
    expect(second).toBeDefined();

    // Nothing new: no email, however long.
    clock.advance(30 * MINUTE);
    expect(await watch()).toBe(0);
    // Something new after a quiet spell: at once.
    await submit();
    expect(await watch()).toBe(2);
    expect((await emails()).length).toBe(6);

    // As rendered, in each operator's language: the count and the link, nothing personal.
    const template = findTemplate('help_requests_waiting')!;
    for (const message of await emails()) {
      const rendered = template.render({
        data: message.data,
        language: message.language,
        entityName: 'Test council',
        entityCode: entity.code,
        link: null,
        linkTtlHours: null,
      });
      const text = JSON.stringify({ rendered, data: message.data });
      expect(text).toContain('https://caliu.test.example/help-requests');
      for (const personal of ['Maria', 'Garcia', 'Josep', '600 99', 'private.example', 'Carrer'])
        expect(text).not.toContain(personal);
    }
  });

  it('announces a submission that committed late with an earlier time, at the next period', async () => {
    const { db, entity, config, operators, clock, submit, emails } = await setUp();
    const watch = () => watchHelpIntake(db, config, clock.now());
    await submit();
    expect(await watch()).toBe(operators.length);
    // Its clock read a minute before that email went; it committed after it.
    await createTestSubmission(db, config, entity, {
      now: new Date(clock.now().getTime() - MINUTE),
      form: { name: 'Pere Roca Mas', phone: '600 11 22 33', email: '' },
    });
    expect(await watch()).toBe(0); // the period is not over
    clock.advance(5 * MINUTE);
    expect(await watch()).toBe(operators.length);
    const counts = (await emails()).map((m) => (m.data as { count: number }).count);
    expect(counts.sort()).toEqual([1, 1, 2, 2]);
    // Announced, it is no longer news.
    clock.advance(30 * MINUTE);
    expect(await watch()).toBe(0);
  });

  it('sends one email per period however many watchers run at once', async () => {
    const { db, entity, config, operators, clock, submit, emails } = await setUp();
    await submit();
    const now = clock.now();
    const sent = await Promise.all(
      Array.from({ length: 6 }, () => notifyEntity(db, config, entity.id, now)),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(operators.length);
    expect(await emails()).toHaveLength(operators.length);

    // Two watchers whose clocks straddle a period's boundary (so their idempotency keys differ):
    // the database's decision alone lets one of them send.
    clock.advance(6 * MINUTE);
    await submit();
    const boundary = Math.ceil(clock.now().getTime() / (5 * MINUTE)) * 5 * MINUTE;
    const straddling = await Promise.all([
      notifyEntity(db, config, entity.id, new Date(boundary - 1)),
      notifyEntity(db, config, entity.id, new Date(boundary + 1)),
    ]);
    expect(straddling.reduce((a, b) => a + b, 0)).toBe(operators.length);
    expect(await emails()).toHaveLength(2 * operators.length);
  });

  describe('two worker processes', () => {
    let peer: SmtpPeer | undefined;
    const workers: WorkerProcess[] = [];
    afterEach(async () => {
      for (const w of workers.splice(0)) {
        w.kill('SIGKILL');
        await w.exited;
      }
      await peer?.stop();
      peer = undefined;
    });

    it.skipIf(!onPostgres())(
      `send one email per operator per period, not one per process (${onPostgres() ? 'PostgreSQL' : NEEDS_POSTGRES})`,
      async () => {
        const { db, entity, operators, emails } = await setUp();
        const config = messagingConfig();
        peer = await startSmtpPeer();
        await createTestSubmission(db, config, entity, { now: new Date() });
        const env = {
          DATABASE_URL: process.env.TEST_DATABASE_URL!,
          CALIU_DEMO: '0',
          SMTP_URL: peer.url,
          SMTP_FROM: 'caliu@caliu.test.example',
          CALIU_PUBLIC_URL: 'https://caliu.test.example',
          OUTBOX_ENTITIES: entity.id,
          OUTBOX_POLL_MS: '100',
          HELP_INTAKE_NOTIFY_MINUTES: '1',
        };
        workers.push(startWorkerProcess(env), startWorkerProcess(env));
        const toOperators = () =>
          peer!.received.filter((m) => operators.some((o) => m.envelope.to[0] === o.email));
        await peer.waitFor(operators.length, 60_000);
        await eventually(async () => toOperators().length >= operators.length, 30_000, 100);
        // A second submission within the period: nothing until the period is over, then one each.
        await createTestSubmission(db, config, entity, { now: new Date() });
        await eventually(async () => toOperators().length >= 2 * operators.length, 120_000, 200);
        // Both processes keep running the watcher (every HELP_INTAKE_WATCH_EVERY_MS, 30 s): each
        // has run at least one more pass within that time of the second email (its delivery, at
        // 100 ms polls, adds a few seconds). Watched until then, no further email may come — a
        // late duplicate fails at once, in the outbox or at the mail server.
        const quietUntil = Date.now() + HELP_INTAKE_WATCH_EVERY_MS + 5_000;
        await eventually(
          async () => {
            expect(toOperators()).toHaveLength(2 * operators.length);
            expect(await emails()).toHaveLength(2 * operators.length);
            return Date.now() >= quietUntil;
          },
          HELP_INTAKE_WATCH_EVERY_MS + 15_000,
          250,
        );
        expect(toOperators()).toHaveLength(2 * operators.length);
        expect(await emails()).toHaveLength(2 * operators.length);
        for (const o of operators) {
          expect(toOperators().filter((m) => m.envelope.to[0] === o.email)).toHaveLength(2);
        }
        for (const w of workers) w.kill('SIGTERM');
        expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
        workers.length = 0;
      },
      260_000,
    );
  });
});
