import { type SQL, sql } from 'drizzle-orm';
import type { AppointmentPlace, Language } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import type { RequestContext } from '../../platform/context';
import { enqueue } from '../../platform/messaging/outbox';
import type { SendCheck } from '../../platform/messaging/worker';

/**
 * The messages an appointment sends to its persons (issue 18, point 5): a confirmation when it is
 * booked or moved, a reminder a configurable time before it (the entity's
 * `appointment_reminder_hours`), a notice when it is cancelled. Called by the agenda's service
 * inside the booking's, move's or cancellation's transaction, so that the messages exist exactly
 * when the change commits. Every message is an outbox message (a reminder is one whose
 * `next_attempt_at` is its time) recorded in `appointment_messages`, so that a move or a
 * cancellation deletes the reminders not sent yet.
 *
 * Who gets what: a person gets email when their record has an email and the email consent, SMS
 * when it has a mobile number and the SMS consent (both when both); nothing without consent;
 * and nothing at all when they have a SIAD case file (or the appointment is linked to one)
 * unless a SIAD technician allowed reminders for them (`persons.siad_reminders_allowed`) — a
 * message on a shared phone can endanger a victim of gender violence. Nothing is sent about an
 * appointment whose time has passed (one recorded after the fact), nor to a deceased person.
 * The texts name the time (the entity's zone, the person's language), the kind of place, the
 * professional and the entity: never a case file, notes or a service.
 */

export type AppointmentFacts = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: AppointmentPlace;
  professionalName: string;
};

type Kind = 'confirmation' | 'reminder' | 'cancellation';
type Channel = 'email' | 'sms';

const TEMPLATES: Record<Kind, Record<Channel, string>> = {
  confirmation: { email: 'appointment_confirmation', sms: 'appointment_confirmation_sms' },
  reminder: { email: 'appointment_reminder', sms: 'appointment_reminder_sms' },
  cancellation: { email: 'appointment_cancelled', sms: 'appointment_cancelled_sms' },
};

type RecipientRow = {
  person_id: string;
  given_name: string;
  email: string | null;
  mobile_phone: string | null;
  consent_email: boolean;
  consent_sms: boolean;
  preferred_language: Language | null;
  siad_reminders_allowed: boolean;
  siad: boolean;
  deceased: boolean;
};

/**
 * Whether messages about the appointment `appointmentId` would reach the person `p` behind the
 * SIAD wall: they are a member of a SIAD case file, or the appointment is linked to one.
 */
const siadPerson = (appointmentId: SQL) => sql`(EXISTS (SELECT 1 FROM case_file_members m
    JOIN case_files cf ON cf.entity_id = m.entity_id AND cf.id = m.case_file_id
    WHERE m.entity_id = p.entity_id AND m.person_id = p.id AND cf.scope = 'siad')
  OR EXISTS (SELECT 1 FROM appointments x
    JOIN case_files cf ON cf.entity_id = x.entity_id AND cf.id = x.case_file_id
    WHERE x.id = ${appointmentId} AND cf.scope = 'siad'))`;

/**
 * The appointment's persons, with what decides their messages. `siad`: the person is a member of
 * a SIAD case file, or the appointment is linked to one.
 */
async function recipientsOf(tx: Tx, appointmentId: string): Promise<RecipientRow[]> {
  return rowsOf<RecipientRow>(
    tx,
    sql`SELECT p.id AS person_id, p.given_name, p.email, p.mobile_phone, p.consent_email,
          p.consent_sms, p.preferred_language, p.siad_reminders_allowed,
          p.status = 'deceased' AS deceased,
          ${siadPerson(sql`ap.appointment_id`)} AS siad
        FROM appointment_persons ap
        JOIN persons p ON p.entity_id = ap.entity_id AND p.id = ap.person_id
       WHERE ap.appointment_id = ${appointmentId}::uuid
       ORDER BY p.id`,
  );
}

/** The channels a person may be written to, with the address of each. */
function channelsFor(r: RecipientRow): { channel: Channel; to: string }[] {
  if (r.deceased || (r.siad && !r.siad_reminders_allowed)) return [];
  const out: { channel: Channel; to: string }[] = [];
  const email = r.email?.trim();
  const mobile = r.mobile_phone?.trim();
  if (r.consent_email && email) out.push({ channel: 'email', to: email });
  if (r.consent_sms && mobile) out.push({ channel: 'sms', to: mobile });
  return out;
}

async function reminderHours(tx: Tx, entityId: string): Promise<number> {
  const [row] = await rowsOf<{ hours: number }>(
    tx,
    sql`SELECT appointment_reminder_hours AS hours FROM entities WHERE id = ${entityId}::uuid`,
  );
  return row?.hours ?? 24;
}

/**
 * A number that grows with each confirmation or cancellation of the appointment: part of every
 * idempotency key, so that moving an appointment away and back to the same time sends again.
 */
async function generationOf(tx: Tx, appointmentId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    tx,
    sql`SELECT count(*) AS n FROM appointment_messages
         WHERE appointment_id = ${appointmentId}::uuid AND kind <> 'reminder'`,
  );
  return Number(row?.n ?? 0);
}

/** Deletes the reminders of the appointment not sent yet (a move or a cancellation). */
async function dropPendingReminders(tx: Tx, appointmentId: string): Promise<void> {
  await tx.execute(sql`
    WITH gone AS (
      DELETE FROM outbox_messages o
       USING appointment_messages am
       WHERE am.appointment_id = ${appointmentId}::uuid AND am.kind = 'reminder'
         AND o.entity_id = am.entity_id AND o.id = am.outbox_message_id
         AND o.status = 'pending'
      RETURNING o.id)
    DELETE FROM appointment_messages am
     WHERE am.appointment_id = ${appointmentId}::uuid
       AND am.outbox_message_id IN (SELECT id FROM gone)`);
}

/** Enqueues one kind of message to every person who may receive it, and records each. */
async function send(
  tx: Tx,
  ctx: RequestContext,
  facts: AppointmentFacts,
  kind: Kind,
  options: { notBefore?: Date; generation: number; changed?: boolean },
): Promise<void> {
  const entityId = ctx.auth.entity.id;
  for (const person of await recipientsOf(tx, facts.id)) {
    for (const { channel, to } of channelsFor(person)) {
      const id = await enqueue(tx, {
        entityId,
        channel,
        template: TEMPLATES[kind][channel],
        to,
        language: person.preferred_language,
        data: {
          givenName: person.given_name,
          startsAt: facts.startsAt.toISOString(),
          endsAt: facts.endsAt.toISOString(),
          timeZone: ctx.auth.entity.timeZone,
          place: facts.place,
          professionalName: facts.professionalName,
          ...(options.changed ? { changed: true } : {}),
        },
        idempotencyKey: [
          'appointment',
          facts.id,
          kind,
          person.person_id,
          channel,
          facts.startsAt.toISOString(),
          options.generation,
        ].join(':'),
        ...(options.notBefore ? { notBefore: options.notBefore } : {}),
      });
      if (!id) continue;
      await tx.execute(sql`
        INSERT INTO appointment_messages (entity_id, appointment_id, outbox_message_id, kind)
        VALUES (${entityId}::uuid, ${facts.id}::uuid, ${id}::uuid, ${kind})`);
    }
  }
}

/** A confirmation now and a reminder at its time (none when that time has passed). */
async function confirmAndRemind(
  tx: Tx,
  ctx: RequestContext,
  facts: AppointmentFacts,
  now: Date,
  changed = false,
): Promise<void> {
  if (facts.startsAt.getTime() <= now.getTime()) return;
  const generation = await generationOf(tx, facts.id);
  await send(tx, ctx, facts, 'confirmation', { generation, changed });
  const hours = await reminderHours(tx, ctx.auth.entity.id);
  const remindAt = new Date(facts.startsAt.getTime() - hours * 3_600_000);
  if (remindAt.getTime() > now.getTime()) {
    await send(tx, ctx, facts, 'reminder', { generation, notBefore: remindAt });
  }
}

/**
 * A new appointment (its persons already written): a confirmation now, and a reminder
 * `appointment_reminder_hours` before it. `now`: the service's clock (`deps.clock.now()`), which
 * decides whether the appointment or its reminder time has passed.
 */
export async function appointmentBooked(
  tx: Tx,
  ctx: RequestContext,
  facts: AppointmentFacts,
  now: Date,
): Promise<void> {
  await confirmAndRemind(tx, ctx, facts, now);
}

/**
 * An appointment moved to another time (`facts` carry the new one): the reminders not sent yet
 * go, a confirmation of the new time and a new reminder come.
 */
export async function appointmentMoved(
  tx: Tx,
  ctx: RequestContext,
  facts: AppointmentFacts,
  now: Date,
): Promise<void> {
  await dropPendingReminders(tx, facts.id);
  await confirmAndRemind(tx, ctx, facts, now, true);
}

/** An appointment cancelled: the reminders not sent yet go, and the persons are told. */
export async function appointmentCancelled(
  tx: Tx,
  ctx: RequestContext,
  facts: AppointmentFacts,
  now: Date,
): Promise<void> {
  await dropPendingReminders(tx, facts.id);
  if (facts.startsAt.getTime() <= now.getTime()) return;
  const generation = await generationOf(tx, facts.id);
  await send(tx, ctx, facts, 'cancellation', { generation });
}

/**
 * A reminder is written when the appointment is booked and leaves days later: when it is sent it
 * must still be wanted — the appointment still booked, and one of its persons still consenting to
 * that channel at that very address, not deceased, and not newly behind the SIAD wall (a person
 * added to a SIAD case file since, or whose reminders the SIAD technician switched off). Else the
 * worker withdraws it (main.ts and worker-main.ts hand this check to the worker).
 */
export const reminderCheck: SendCheck = {
  templates: [TEMPLATES.reminder.email, TEMPLATES.reminder.sms],
  async stillWanted(tx, message) {
    const [row] = await rowsOf<{ yes: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM appointment_messages am
          JOIN appointments a ON a.entity_id = am.entity_id AND a.id = am.appointment_id
          JOIN appointment_persons ap ON ap.appointment_id = a.id
          JOIN persons p ON p.entity_id = ap.entity_id AND p.id = ap.person_id
          WHERE am.outbox_message_id = ${message.id}::uuid AND am.kind = 'reminder'
            AND a.state = 'booked' AND p.status = 'active'
            AND CASE ${message.channel}
              WHEN 'email' THEN p.consent_email AND trim(p.email) = ${message.recipient}
              ELSE p.consent_sms AND trim(p.mobile_phone) = ${message.recipient} END
            AND (p.siad_reminders_allowed OR NOT ${siadPerson(sql`a.id`)})) AS yes`,
    );
    return row?.yes === true;
  },
};
