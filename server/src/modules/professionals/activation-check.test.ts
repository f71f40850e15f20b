import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { drain, messagingConfig, outboxOf } from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { activationCheck, enqueueActivationEmail } from './activation';

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
});

/**
 * An activation email goes only while its professional still needs it (issue 20): the email
 * that waits behind a first-access SMS never reaches someone who already signed up with the
 * SMS's link, nor someone deactivated meanwhile.
 */
describe('the activation email’s send check', () => {
  it('sends to a professional not yet activated, skips one activated or deactivated since', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const config = messagingConfig({ SMTP_URL: peer.url });
    const people = await Promise.all(
      [0, 1, 2].map(() => createTestProfessional(db, entity, { roles: ['tech_ssb'] })),
    );
    const [waiting, activated, deactivated] = people;
    await db.tenant(entity.id, async (tx) => {
      for (const p of people) {
        await tx.execute(sql`UPDATE professionals SET activated_at = NULL, password_hash = NULL
          WHERE entity_id = ${entity.id} AND id = ${p.id}`);
        await enqueueActivationEmail(tx, {
          entityId: entity.id,
          entityName: 'Test',
          professionalId: p.id,
          givenName: 'Test',
          username: p.username,
          email: p.email,
          language: 'en',
        });
      }
      // One signed up with the SMS's link, one left, before the emails went.
      await tx.execute(sql`UPDATE professionals SET activated_at = now()
        WHERE entity_id = ${entity.id} AND id = ${activated!.id}`);
      await tx.execute(sql`UPDATE professionals SET active = false
        WHERE entity_id = ${entity.id} AND id = ${deactivated!.id}`);
    });
    const counts = await drain({ database: db, config, checks: [activationCheck] }, [entity.id]);
    expect(counts).toMatchObject({ sent: 1, skipped: 2 });
    // The skipped ones are gone from the outbox; the one sent reached the mail server.
    const outbox = await outboxOf(db, entity.id);
    expect(outbox.map((m) => [m.recipient, m.status])).toEqual([[waiting!.email, 'sent']]);
    await peer.waitFor(1, 10_000);
    expect(peer.received.flatMap((m) => m.envelope.to)).toContain(waiting!.email);
  });
});
