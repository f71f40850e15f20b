import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { drain, messagingConfig, outboxOf } from '../../testing/messaging';
import { createTestPerson } from '../../testing/persons-factories';
import { startSmsGatewayPeer } from '../../testing/sms-gateway-peer';
import { reminderCheck } from './messages';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../testing/smtp-peer-process';

/**
 * The messages of an appointment (issue 18, point 5), booked, moved and cancelled through the
 * API and delivered by the worker to a real SMTP server in its own process and an HTTP SMS
 * gateway, with a clock the test moves: a confirmation at once, a reminder at its time (not
 * before), in the person's language; nothing without consent; nothing to a person with a SIAD
 * case file unless a SIAD technician allowed it.
 */

let peer: SmtpPeer;
let gateway: Awaited<ReturnType<typeof startSmsGatewayPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
  gateway = await startSmsGatewayPeer();
});
afterAll(async () => {
  await peer.stop();
  await gateway.stop();
});

const HOUR = 3_600_000;

async function setUp() {
  // A Monday in winter time (Madrid is UTC+1 until the last Sunday of March).
  const clock = manualClock(new Date('2030-03-04T08:00:00Z'));
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db, { defaultLanguage: 'ca' });
  const make = (roles: Role[]) =>
    createTestProfessional(db, entity, { roles, teams: [entity.teams.north] });
  const assistant = await make(['aux_admin']);
  const tech = await make(['tech_ssb']);
  const siadTech = await make(['tech_siad']);
  const tag = entity.code;
  const config = messagingConfig({
    SMTP_URL: peer.url,
    SMS_GATEWAY_URL: gateway.url,
    SMS_GATEWAY_TOKEN: 'gateway-secret',
  });
  const call = async (who: { username: string }, method: string, url: string, payload?: object) => {
    // A fresh session each time: the clock moves by days between calls.
    const session = await login(app, entity.code, who.username);
    return app.inject({
      method: method as 'POST',
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers('en'),
    });
  };
  const book = async (
    who: { username: string },
    body: {
      professionalId: string;
      personIds: string[];
      startsAt: string;
      endsAt: string;
    } & Record<string, unknown>,
  ) => {
    const res = await call(who, 'POST', '/api/appointments', {
      place: 'office',
      force: true,
      confirmOutsideHours: true,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { appointment: { id: string } }).appointment.id;
  };
  /** Runs the worker at the test's clock; answers what reached the peers meanwhile. */
  const deliver = async () => {
    const mails = peer.received.length;
    const texts = gateway.received.length;
    const counts = await drain({ database: db, config, clock, checks: [reminderCheck] }, [
      entity.id,
    ]);
    // The gateway answered before the worker went on; the SMTP peer reports from its process.
    const emails = counts.sent - (gateway.received.length - texts);
    if (emails > 0) await peer.waitFor(mails + emails, 10_000);
    return {
      counts,
      mail: () => peer.received.slice(mails).filter((m) => m.envelope.to[0]?.includes(tag)),
      sms: () => gateway.received.slice(texts).map((r) => r.body as { to: string; text: string }),
    };
  };
  return { app, db, clock, entity, assistant, tech, siadTech, tag, call, book, deliver };
}

const mailTo = (mails: ReceivedMail[], address: string) =>
  mails.filter((m) => m.envelope.to.includes(address));

describe('appointment messages', () => {
  it('confirm at once and remind at the set time before, in the person’s language, only with consent', async () => {
    const { db, clock, entity, assistant, tech, tag, book, deliver } = await setUp();
    const anna = `anna-${tag}@persons.example`;
    const annaId = await createTestPerson(db, entity, {
      givenName: 'Anna',
      email: anna,
      consentEmail: true,
      preferredLanguage: 'es',
    });
    // An email but no consent: nothing, ever.
    const bernat = `bernat-${tag}@persons.example`;
    const bernatId = await createTestPerson(db, entity, { givenName: 'Bernat', email: bernat });
    // SMS consent and a mobile number, no language of their own: the entity's (Catalan).
    const carlaPhone = `+3460${Math.floor(1e7 + Math.random() * 8e7)}`;
    const carlaId = await createTestPerson(db, entity, {
      givenName: 'Carla',
      mobilePhone: carlaPhone,
      consentSms: true,
    });
    // Wednesday 6 March 2030, 10:00–10:45 in Madrid (09:00Z); the reminder leaves 24 h before.
    await book(assistant, {
      professionalId: tech.id,
      personIds: [annaId, bernatId, carlaId],
      startsAt: '2030-03-06T10:00',
      endsAt: '2030-03-06T10:45',
      notes: 'Confidential: talk about the eviction',
    });

    const first = await deliver();
    expect(first.counts).toMatchObject({ sent: 2, failed: 0 });
    const [confirmation, ...others] = mailTo(first.mail(), anna);
    expect(others).toEqual([]);
    expect(confirmation!.subject).toBe('Cita confirmada: miércoles, 6 de marzo de 2030, 10:00');
    expect(confirmation!.text).toContain('Hola, Anna:');
    expect(confirmation!.text).toContain('miércoles, 6 de marzo de 2030, de 10:00 a 10:45.');
    expect(confirmation!.text).toContain('En la oficina.');
    expect(confirmation!.text).toContain(`Test Professional ${tech.username}`);
    expect(confirmation!.text).toContain(`Test entity ${entity.code}`);
    expect(mailTo(first.mail(), bernat)).toEqual([]);
    const [sms] = first.sms();
    expect(sms!.to).toBe(carlaPhone);
    expect(sms!.text).toContain('cita confirmada');
    expect(sms!.text).toContain('dimecres, 6 de març del 2030 a les 10:00');
    for (const text of [confirmation!.text!, confirmation!.html!, sms!.text]) {
      expect(text).not.toMatch(/eviction|confidential|siad|case file|expedient/i);
    }

    // One minute before the reminder's time: nothing leaves.
    clock.advance(25 * HOUR - 60_000); // 2030-03-05T08:59Z
    const early = await deliver();
    expect(early.counts.sent).toBe(0);

    clock.advance(2 * 60_000); // 09:01Z, 24 h minus a minute before the appointment
    const due = await deliver();
    expect(due.counts).toMatchObject({ sent: 2, failed: 0 });
    const [reminder] = mailTo(due.mail(), anna);
    expect(reminder!.subject).toBe('Recordatorio de su cita: miércoles, 6 de marzo de 2030, 10:00');
    expect(reminder!.text).toContain('Le recordamos su cita con');
    expect(due.sms()[0]!.text).toContain('us recordem la cita');
    expect(mailTo(due.mail(), bernat)).toEqual([]);

    // Nothing more is due.
    clock.advance(48 * HOUR);
    expect((await deliver()).counts.sent).toBe(0);
  });

  it('follows the entity’s setting, and skips a reminder whose time has already passed', async () => {
    const { db, entity, assistant, tech, tag, book } = await setUp();
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE entities SET appointment_reminder_hours = 48`),
    );
    const personId = await createTestPerson(db, entity, {
      email: `dani-${tag}@persons.example`,
      consentEmail: true,
    });
    // Two days and a half ahead: a reminder 48 h before. Tomorrow: too late for one.
    const later = await book(assistant, {
      professionalId: tech.id,
      personIds: [personId],
      startsAt: '2030-03-06T22:00',
      endsAt: '2030-03-06T22:30',
    });
    const soon = await book(assistant, {
      professionalId: tech.id,
      personIds: [personId],
      startsAt: '2030-03-05T10:00',
      endsAt: '2030-03-05T10:30',
    });
    const rows = await outboxOf(db, entity.id);
    const reminders = rows.filter((r) => r.template === 'appointment_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.nextAttemptAt.toISOString()).toBe('2030-03-04T21:00:00.000Z');
    const kinds = await db.tenant(entity.id, (tx) =>
      rowsOf<{ appointment_id: string; kind: string }>(
        tx,
        sql`SELECT appointment_id, kind FROM appointment_messages ORDER BY kind`,
      ),
    );
    expect(kinds).toEqual([
      { appointment_id: expect.any(String), kind: 'confirmation' },
      { appointment_id: expect.any(String), kind: 'confirmation' },
      { appointment_id: later, kind: 'reminder' },
    ]);
    expect(kinds.filter((k) => k.appointment_id === soon)).toHaveLength(1);
  });

  it('a move replaces the reminder; a cancellation removes it and tells the person', async () => {
    const { db, clock, entity, assistant, tech, tag, call, book, deliver } = await setUp();
    const eva = `eva-${tag}@persons.example`;
    const evaId = await createTestPerson(db, entity, {
      givenName: 'Eva',
      email: eva,
      consentEmail: true,
      preferredLanguage: 'en',
    });
    // Friday 8 March 2030 10:00 (09:00Z): reminder due Thursday 09:00Z.
    const id = await book(assistant, {
      professionalId: tech.id,
      personIds: [evaId],
      startsAt: '2030-03-08T10:00',
      endsAt: '2030-03-08T11:00',
    });
    const booked = await deliver();
    expect(mailTo(booked.mail(), eva).map((m) => m.subject)).toEqual([
      'Appointment confirmed: Friday, 8 March 2030, 10:00',
    ]);

    // Moved to Monday 11 March, 12:30 (11:30Z): the Thursday reminder goes, a new one comes.
    const moved = await call(assistant, 'PATCH', `/api/appointments/${id}`, {
      startsAt: '2030-03-11T12:30',
      endsAt: '2030-03-11T13:00',
      place: 'phone',
      force: true,
      confirmOutsideHours: true,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const pending = (await outboxOf(db, entity.id)).filter(
      (r) => r.status === 'pending' && r.template === 'appointment_reminder',
    );
    expect(pending.map((r) => r.nextAttemptAt.toISOString())).toEqual(['2030-03-10T11:30:00.000Z']);
    const afterMove = await deliver();
    const [confirmation] = mailTo(afterMove.mail(), eva);
    // It says the appointment changed: the person must not think they now have two.
    expect(confirmation!.subject).toBe('Appointment changed: Monday, 11 March 2030, 12:30');
    expect(confirmation!.text).toContain('the earlier time no longer holds');
    expect(confirmation!.text).toContain('By phone.');

    // Thursday 09:01Z: the old reminder's time, nothing leaves.
    clock.advance(3 * 24 * HOUR + HOUR + 60_000);
    expect((await deliver()).counts.sent).toBe(0);
    // Sunday 11:31Z: the new one does.
    clock.advance(3 * 24 * HOUR + 2.5 * HOUR);
    const reminded = await deliver();
    expect(mailTo(reminded.mail(), eva).map((m) => m.subject)).toEqual([
      'Reminder of your appointment: Monday, 11 March 2030, 12:30',
    ]);

    // Booked again, then cancelled before its reminder: the notice, and no reminder.
    const again = await book(assistant, {
      professionalId: tech.id,
      personIds: [evaId],
      startsAt: '2030-03-20T09:00',
      endsAt: '2030-03-20T09:30',
    });
    await deliver();
    const cancelled = await call(assistant, 'POST', `/api/appointments/${again}/cancel`, {
      reason: 'The person asked for another day because of her health',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(
      (await outboxOf(db, entity.id)).filter(
        (r) => r.status === 'pending' && r.template === 'appointment_reminder',
      ),
    ).toEqual([]);
    const notice = await deliver();
    const [cancellation] = mailTo(notice.mail(), eva);
    expect(cancellation!.subject).toBe('Appointment cancelled: Wednesday, 20 March 2030, 09:00');
    expect(cancellation!.text).toContain('has been cancelled');
    expect(cancellation!.text).not.toContain('health');
    clock.advance(14 * 24 * HOUR);
    expect((await deliver()).counts.sent).toBe(0);
  });

  it('withdraws a reminder whose reasons no longer hold when it is due', async () => {
    const { db, clock, entity, assistant, tech, siadTech, tag, call, book, deliver } =
      await setUp();
    const person = (given: string) =>
      createTestPerson(db, entity, {
        givenName: given,
        email: `${given.toLowerCase()}-${tag}@persons.example`,
        consentEmail: true,
      });
    // Four persons, four appointments on Thursday; the reminders are due on Wednesday.
    const [gemma, hug, irene, joan] = await Promise.all(
      ['Gemma', 'Hug', 'Irene', 'Joan'].map(person),
    );
    for (const [k, id] of [gemma, hug, irene, joan].entries()) {
      await book(assistant, {
        professionalId: tech.id,
        personIds: [id!],
        startsAt: `2030-03-07T1${k}:00`,
        endsAt: `2030-03-07T1${k}:30`,
      });
    }
    await deliver(); // the confirmations
    // Gemma withdraws her consent; Hug gives another address; Irene keeps hers.
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE persons SET consent_email = false WHERE id = ${gemma!}`),
    );
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE persons SET email = ${`hug-new-${tag}@persons.example`}
        WHERE id = ${hug!}`),
    );
    // Joan is taken into a SIAD case file since: nothing may reach him now.
    await createTestCaseFile(db, entity, {
      scope: 'siad',
      holderId: joan!,
      referentId: siadTech.id,
    });
    clock.advance(56 * HOUR); // Wednesday 16:00Z: past the four reminders' times
    const due = await deliver();
    const to = due.mail().map((m) => m.envelope.to[0]);
    expect(to).toEqual([`irene-${tag}@persons.example`]);
    expect(due.counts.sent).toBe(1);
    // The withdrawn ones are gone, not failed.
    const left = (await outboxOf(db, entity.id)).filter(
      (r) => r.template === 'appointment_reminder',
    );
    expect(left.map((r) => r.status)).toEqual(['sent']);
    void call;
  });

  it('sends nothing to a person with a SIAD case file unless a SIAD technician allows it', async () => {
    const { db, entity, siadTech, tag, call, book, deliver } = await setUp();
    const fina = `fina-${tag}@persons.example`;
    const finaId = await createTestPerson(db, entity, {
      givenName: 'Fina',
      email: fina,
      consentEmail: true,
      mobilePhone: '+34600111222',
      consentSms: true,
    });
    await createTestCaseFile(db, entity, {
      scope: 'siad',
      holderId: finaId,
      referentId: siadTech.id,
    });
    const texts = gateway.received.length;
    await book(siadTech, {
      professionalId: siadTech.id,
      personIds: [finaId],
      startsAt: '2030-03-07T10:00',
      endsAt: '2030-03-07T11:00',
    });
    expect((await outboxOf(db, entity.id)).filter((r) => r.recipient === fina)).toEqual([]);
    expect((await deliver()).mail()).toEqual([]);

    const allowed = await call(siadTech, 'PUT', `/api/persons/${finaId}/reminders`, {
      allowReminders: true,
    });
    expect(allowed.statusCode, allowed.body).toBe(204);
    await book(siadTech, {
      professionalId: siadTech.id,
      personIds: [finaId],
      startsAt: '2030-03-12T10:00',
      endsAt: '2030-03-12T11:00',
    });
    const sent = await deliver();
    const [confirmation] = mailTo(sent.mail(), fina);
    expect(confirmation!.subject).toBe('Cita confirmada: dimarts, 12 de març del 2030, 10:00');
    const sms = gateway.received.slice(texts).map((r) => r.body as { to: string; text: string });
    expect(sms.map((s) => s.to)).toEqual(['+34600111222']);
    for (const text of [confirmation!.subject!, confirmation!.text!, sms[0]!.text]) {
      expect(text).not.toMatch(/siad|dona|violència|expedient/i);
    }
  });
});
