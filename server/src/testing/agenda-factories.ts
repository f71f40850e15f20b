import { sql } from 'drizzle-orm';
import type { AppointmentPlace, AppointmentState } from '@caliu/common';
import { type Database, rowsOf } from '../db/connect';
import type { TestEntity } from './factories';

/**
 * Agenda rows written straight into the database, for tests that need an appointment or a
 * reservation at a given instant without going through the booking rules (working hours,
 * conflicts) — a calendar feed's content, a daylight-saving day. They send no message: a test of
 * the messages books through `POST /api/appointments`.
 */

export type TestAppointmentInput = {
  professionalId: string;
  personIds: string[];
  startsAt: Date | string;
  endsAt: Date | string;
  place?: AppointmentPlace;
  caseFileId?: string | null;
  notes?: string | null;
  state?: AppointmentState;
};

const instant = (value: Date | string) => new Date(value).toISOString();

export async function createTestAppointment(
  database: Database,
  entity: TestEntity,
  input: TestAppointmentInput,
): Promise<string> {
  const state = input.state ?? 'booked';
  return database.tenant(entity.id, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO appointments (entity_id, professional_id, case_file_id, starts_at, ends_at,
            place, notes, state, cancel_reason, cancelled_at)
          VALUES (${entity.id}::uuid, ${input.professionalId}::uuid,
            ${input.caseFileId ?? null}::uuid, ${instant(input.startsAt)}::timestamptz,
            ${instant(input.endsAt)}::timestamptz, ${input.place ?? 'office'},
            ${input.notes ?? null}, ${state},
            ${state === 'cancelled' ? 'Cancelled in a test' : null},
            ${state === 'cancelled' ? instant(input.startsAt) : null}::timestamptz)
          RETURNING id`,
    );
    for (const personId of input.personIds) {
      await tx.execute(sql`
        INSERT INTO appointment_persons (entity_id, appointment_id, person_id)
        VALUES (${entity.id}::uuid, ${row!.id}::uuid, ${personId}::uuid)`);
    }
    return row!.id;
  });
}

export async function createTestReservation(
  database: Database,
  entity: TestEntity,
  input: {
    professionalIds: string[];
    title: string;
    startsAt: Date | string;
    endsAt: Date | string;
  },
): Promise<string> {
  return database.tenant(entity.id, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO time_reservations (entity_id, title, starts_at, ends_at)
          VALUES (${entity.id}::uuid, ${input.title}, ${instant(input.startsAt)}::timestamptz,
            ${instant(input.endsAt)}::timestamptz)
          RETURNING id`,
    );
    for (const professionalId of input.professionalIds) {
      await tx.execute(sql`
        INSERT INTO time_reservation_professionals
          (entity_id, reservation_id, professional_id, starts_at, ends_at)
        VALUES (${entity.id}::uuid, ${row!.id}::uuid, ${professionalId}::uuid,
          ${instant(input.startsAt)}::timestamptz, ${instant(input.endsAt)}::timestamptz)`);
    }
    return row!.id;
  });
}
