import { z } from 'zod';
import { textField } from './text';

/**
 * The agenda (issue 18, decision 0008): appointments between a professional and persons, time
 * reservations of one or several professionals, working hours per sector, public holidays per
 * entity, and each professional's calendar feed.
 *
 * Times: the API speaks the entity's wall time — a local date-time `2026-03-29T09:00` — and names
 * the zone once in each answer (`timeZone`). The server converts with the zone's rules: a time
 * that does not exist (the spring change) is refused; one that exists twice (the autumn change)
 * is the first of the two (summer time).
 */

export const APPOINTMENT_PLACES = ['office', 'home_visit', 'phone', 'video'] as const;
export type AppointmentPlace = (typeof APPOINTMENT_PLACES)[number];

export const APPOINTMENT_STATES = ['booked', 'attended', 'missed', 'cancelled'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

export const HOLIDAY_LEVELS = ['national', 'regional', 'local'] as const;
export type HolidayLevel = (typeof HOLIDAY_LEVELS)[number];

/** The longest appointment or reservation, in hours. */
export const AGENDA_MAX_HOURS = 12;
/** The most days one agenda request covers (the list view of a month). */
export const AGENDA_MAX_DAYS = 42;
/** Persons on one appointment, professionals on one reservation. */
export const APPOINTMENT_MAX_PERSONS = 10;
export const RESERVATION_MAX_PROFESSIONALS = 50;

/** A wall time in the entity's zone, to the minute: `2026-03-29T09:00`. */
export const localDateTimeSchema = textField().regex(
  /^(20\d\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
);
/** A time of day, `09:00`; `24:00` ends a day. */
export const timeOfDaySchema = textField().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/);

const uuid = z.uuid();
/** A calendar date of the years the agenda keeps (2000–2100): a year 0 or 10000 is a typing slip. */
const isoDate = z.iso.date().refine((date) => /^(20\d\d|2100)-/.test(date));
const named = z.object({ id: z.uuid(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// Views

export const agendaQuerySchema = z
  .object({
    /** One professional's agenda (the caller's own when neither is given)… */
    professionalId: uuid.optional(),
    /** …or a team's: every member, each seen in full or as free/busy as the caller may. */
    teamId: uuid.optional(),
    /** The first day (entity time). */
    from: isoDate,
    /** 1: a day, 7: a week, up to AGENDA_MAX_DAYS for the list. */
    days: z.coerce.number().int().min(1).max(AGENDA_MAX_DAYS).default(7),
    /** Cancelled appointments too (the list view shows them struck through). */
    includeCancelled: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export type AgendaQuery = z.input<typeof agendaQuerySchema>;

/** A person on an appointment: their name (the list and the printable day list). */
export const appointmentPersonSchema = named;

export const appointmentSchema = z.object({
  kind: z.literal('appointment'),
  id: z.uuid(),
  professional: named,
  startsAt: localDateTimeSchema,
  endsAt: localDateTimeSchema,
  place: z.enum(APPOINTMENT_PLACES),
  notes: z.string().nullable(),
  state: z.enum(APPOINTMENT_STATES),
  cancelReason: z.string().nullable(),
  persons: z.array(appointmentPersonSchema),
  caseFile: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  bookedBy: named.nullable(),
  /** What the caller may do with it (the same rule the writes check). */
  can: z.object({ edit: z.boolean() }),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const reservationSchema = z.object({
  kind: z.literal('reservation'),
  id: z.uuid(),
  title: z.string(),
  /** The professionals whose time it blocks (of those the caller sees). */
  professionals: z.array(named),
  startsAt: localDateTimeSchema,
  endsAt: localDateTimeSchema,
  createdBy: named.nullable(),
  can: z.object({ remove: z.boolean() }),
});
export type Reservation = z.infer<typeof reservationSchema>;

/**
 * Time taken, without anything else: a colleague's appointment or reservation seen as free/busy,
 * or an appointment behind the SIAD wall. No id, no person, no place, no title.
 */
export const busySchema = z.object({
  kind: z.literal('busy'),
  professional: named,
  startsAt: localDateTimeSchema,
  endsAt: localDateTimeSchema,
});
export type Busy = z.infer<typeof busySchema>;

export const agendaEntrySchema = z.discriminatedUnion('kind', [
  appointmentSchema,
  reservationSchema,
  busySchema,
]);
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

/** One interval of working time, `09:00`–`14:00`, on a weekday (1 Monday … 7 Sunday). */
export const workingIntervalSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  start: timeOfDaySchema,
  end: timeOfDaySchema,
});
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

export const holidaySchema = z.object({
  id: z.uuid(),
  date: isoDate,
  name: z.string(),
  level: z.enum(HOLIDAY_LEVELS),
  /** A local holiday's municipality. */
  municipality: named.nullable(),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const agendaProfessionalSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** `full`: their entries as the caller may see them; `free_busy`: busy time only. */
  view: z.enum(['full', 'free_busy']),
  /** Whether the caller may book appointments for them. */
  canBook: z.boolean(),
  /** Their working hours: the union of the hours of the sectors of their teams. */
  workingHours: z.array(workingIntervalSchema),
  /** The local holidays that apply to them (those of their teams' municipalities), by id. */
  localHolidayIds: z.array(z.uuid()),
});
export type AgendaProfessional = z.infer<typeof agendaProfessionalSchema>;

export const agendaSchema = z.object({
  timeZone: z.string(),
  from: isoDate,
  /** The day after the last one shown. */
  to: isoDate,
  professionals: z.array(agendaProfessionalSchema),
  /** By start, then professional. */
  entries: z.array(agendaEntrySchema),
  /** The entity's holidays in the period: national and regional for all, local as listed. */
  holidays: z.array(holidaySchema),
});
export type Agenda = z.infer<typeof agendaSchema>;

/** The professionals the caller may see the agenda of or book for (the pickers). */
export const agendaPeopleSchema = z.object({
  professionals: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      view: z.enum(['full', 'free_busy']),
      canBook: z.boolean(),
    }),
  ),
  teams: z.array(named.extend({ canReserve: z.boolean() })),
});
export type AgendaPeople = z.infer<typeof agendaPeopleSchema>;

export const nextFreeQuerySchema = z
  .object({
    professionalId: uuid,
    /** The length wanted. */
    minutes: z.coerce
      .number()
      .int()
      .min(5)
      .max(AGENDA_MAX_HOURS * 60)
      .default(60),
    /** Not before (default: now). */
    after: localDateTimeSchema.optional(),
  })
  .strict();
export const nextFreeSchema = z.object({
  timeZone: z.string(),
  /** Null when nothing is free within the next 60 days of working hours. */
  slot: z.object({ startsAt: localDateTimeSchema, endsAt: localDateTimeSchema }).nullable(),
});
export type NextFree = z.infer<typeof nextFreeSchema>;

// ---------------------------------------------------------------------------------------------
// Appointments

const notes = textField({ multiline: true }).max(2000);

/** What a booking may need confirmed: a conflict, or time outside working hours. */
const confirmations = {
  /** Book over another appointment or reservation of the professional. */
  force: z.boolean().default(false),
  /** Book outside the professional's working hours or on a holiday. */
  confirmOutsideHours: z.boolean().default(false),
};

export const createAppointmentSchema = z
  .object({
    professionalId: uuid,
    personIds: z.array(uuid).min(1).max(APPOINTMENT_MAX_PERSONS),
    caseFileId: uuid.nullable().default(null),
    startsAt: localDateTimeSchema,
    endsAt: localDateTimeSchema,
    place: z.enum(APPOINTMENT_PLACES),
    notes: notes.nullable().default(null),
    ...confirmations,
  })
  .strict();
export type CreateAppointment = z.input<typeof createAppointmentSchema>;

/** Move, change place or notes, or record how it went (attended, missed; back to booked). */
export const updateAppointmentSchema = z
  .object({
    startsAt: localDateTimeSchema.optional(),
    endsAt: localDateTimeSchema.optional(),
    place: z.enum(APPOINTMENT_PLACES).optional(),
    notes: notes.nullable().optional(),
    state: z.enum(['booked', 'attended', 'missed']).optional(),
    ...confirmations,
  })
  .strict();
export type UpdateAppointment = z.input<typeof updateAppointmentSchema>;

export const cancelAppointmentSchema = z
  .object({ reason: textField({ multiline: true }).trim().min(1).max(500) })
  .strict();
export type CancelAppointment = z.infer<typeof cancelAppointmentSchema>;

export const appointmentAnswerSchema = z.object({
  timeZone: z.string(),
  appointment: appointmentSchema,
});
export type AppointmentAnswer = z.infer<typeof appointmentAnswerSchema>;

/** A person's appointments (their page), from today on and the last month's. */
export const personAppointmentsSchema = z.object({
  timeZone: z.string(),
  items: z.array(z.discriminatedUnion('kind', [appointmentSchema, busySchema])),
  /**
   * Only for a SIAD technician of the person's SIAD case file (null for anyone else, who must not
   * learn there is one): whether reminders reach this person (off by default).
   */
  siadReminders: z.object({ allowed: z.boolean() }).nullable(),
});
export type PersonAppointments = z.infer<typeof personAppointmentsSchema>;

/*
 * A refused booking answers 409 `agenda.conflict`, one `details` entry per entry it would overlap,
 * each a sentence naming its time, professional and — when the caller may see it — the
 * appointment's persons or the reservation's title; booking again with `force: true` books anyway.
 * Outside working hours or on a holiday: 409 `agenda.outside_hours`, `details` saying why, and
 * `confirmOutsideHours: true` books anyway.
 */

// ---------------------------------------------------------------------------------------------
// Time reservations

export const createReservationSchema = z
  .object({
    title: textField().trim().min(1).max(200),
    /** The caller alone, or — a coordinator — several professionals of their teams. */
    professionalIds: z.array(uuid).min(1).max(RESERVATION_MAX_PROFESSIONALS),
    startsAt: localDateTimeSchema,
    endsAt: localDateTimeSchema,
    ...confirmations,
  })
  .strict();
export type CreateReservation = z.input<typeof createReservationSchema>;

export const reservationAnswerSchema = z.object({
  timeZone: z.string(),
  reservation: reservationSchema,
});

// ---------------------------------------------------------------------------------------------
// Working hours and holidays

export const sectorHoursSchema = z.object({
  sector: named,
  intervals: z.array(workingIntervalSchema),
  /** A coordinator of a team of the sector may change them. */
  canEdit: z.boolean(),
});
export const workingHoursListSchema = z.object({ items: z.array(sectorHoursSchema) });
export type WorkingHoursList = z.infer<typeof workingHoursListSchema>;

export const putWorkingHoursSchema = z
  .object({ intervals: z.array(workingIntervalSchema).max(14) })
  .strict();
export type PutWorkingHours = z.infer<typeof putWorkingHoursSchema>;

export const holidayQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const holidayListSchema = z.object({
  items: z.array(holidaySchema),
  /** The administrator edits them. */
  canEdit: z.boolean(),
});
export type HolidayList = z.infer<typeof holidayListSchema>;

export const createHolidaySchema = z
  .object({
    date: isoDate,
    name: textField().trim().min(1).max(120),
    level: z.enum(HOLIDAY_LEVELS),
    /** Required for a local holiday, refused otherwise. */
    municipalityId: uuid.nullable().default(null),
  })
  .strict();
export type CreateHoliday = z.input<typeof createHolidaySchema>;

// ---------------------------------------------------------------------------------------------
// Calendar feeds

/**
 * A professional's calendar feed: a secret URL a calendar application subscribes to (iCalendar,
 * the entity's zone included). The URL is emailed to the professional when they ask for it (the
 * worker mints it; the database keeps its hash) and works until revoked or replaced.
 */
export const calendarFeedSchema = z.object({
  id: z.uuid(),
  /** The feed names the persons of appointments (the professional opted in). */
  includeNames: z.boolean(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
export const calendarFeedListSchema = z.object({ items: z.array(calendarFeedSchema) });
export const createCalendarFeedSchema = z
  .object({ includeNames: z.boolean().default(false) })
  .strict();

// ---------------------------------------------------------------------------------------------
// Reminders

/** Per person, a SIAD technician lets reminders reach a person who has a SIAD case file. */
export const reminderSettingSchema = z.object({ allowReminders: z.boolean() }).strict();
