import { DateTime } from 'luxon';
import { z } from 'zod';
import { APPOINTMENT_PLACES, type Language } from '@caliu/common';
import { defineEmailTemplate, defineSmsTemplate, TemplateDataError } from './define';
import type { StrictTranslate } from '../render';

/**
 * What a message about an appointment carries (confirmation, reminder, cancellation): its
 * instants, the entity's zone to show them in, the kind of place and the professional's name.
 * Never a case file, notes or anything that tells what the appointment is about.
 */
export const appointmentData = z.object({
  givenName: z.string().min(1),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  timeZone: z.string().min(1),
  place: z.enum(APPOINTMENT_PLACES),
  professionalName: z.string().min(1),
  /** A confirmation of an appointment moved (another time or professional): it says so. */
  changed: z.boolean().optional(),
});
export type AppointmentData = z.output<typeof appointmentData>;

export const appointmentExample = {
  givenName: 'Marta',
  startsAt: '2030-03-29T08:30:00.000Z',
  endsAt: '2030-03-29T09:15:00.000Z',
  timeZone: 'Europe/Madrid',
  place: 'office',
  professionalName: 'Montse Riera Vila',
} as const;

/** The locale dates and times are written in: English as written in Europe (24 hours). */
const LOCALES: Record<Language, string> = { ca: 'ca', es: 'es', it: 'it', en: 'en-GB' };

/**
 * The values every appointment text fills: the day and the times in the entity's zone, written
 * in the recipient's language, and the kind of place in words.
 */
export function appointmentVars(data: AppointmentData, language: Language, t: StrictTranslate) {
  const at = (iso: string) =>
    DateTime.fromISO(iso, { zone: data.timeZone }).setLocale(LOCALES[language]);
  const start = at(data.startsAt);
  const end = at(data.endsAt);
  if (!start.isValid || !end.isValid) {
    throw new TemplateDataError(`Appointment message: invalid time or zone (${data.timeZone})`);
  }
  return {
    date: start.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    time: start.toLocaleString(DateTime.TIME_24_SIMPLE),
    endTime: end.toLocaleString(DateTime.TIME_24_SIMPLE),
    place: t(`common.appointment_place.${data.place}`),
    professionalName: data.professionalName,
  };
}

/**
 * An appointment message to a person, by email and by SMS (`<name>` and `<name>_sms`): greeting,
 * what happened, when, where, what to do; texts under `messaging.templates.<name>`. A message that
 * `announcesChange` uses its `*_changed` texts for an appointment moved (`data.changed`).
 */
export function appointmentMessage(name: string, options: { announcesChange?: boolean } = {}) {
  const key = (data: AppointmentData, text: string) =>
    options.announcesChange && data.changed ? `${text}_changed` : text;
  const email = defineEmailTemplate({
    name,
    data: appointmentData,
    example: appointmentExample,
    compose: ({ data, t, entityName, language }) => {
      const vars = { ...appointmentVars(data, language, t), entityName };
      return {
        subject: t(key(data, 'subject'), vars),
        blocks: [
          { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
          { kind: 'paragraph', text: t(key(data, 'intro'), vars) },
          { kind: 'paragraph', text: t('when', vars) },
          { kind: 'paragraph', text: vars.place },
          { kind: 'paragraph', text: t('change', vars) },
          { kind: 'small', text: t('common.appointment_why', { entityName }) },
        ],
      };
    },
  });
  const sms = defineSmsTemplate({
    name: `${name}_sms`,
    data: appointmentData,
    example: appointmentExample,
    compose: ({ data, t, entityName, language }) =>
      t(key(data, 'text'), { ...appointmentVars(data, language, t), entityName }),
  });
  return [email, sms] as const;
}
