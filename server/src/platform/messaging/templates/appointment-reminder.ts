import { appointmentMessage } from './appointment-time';

/*
 * Written to the person, in their language, with the time in the entity's zone; it names the
 * professional, the kind of place and the entity, never a case file, notes or a service.
 */

/**
 * Reminds a person of an appointment, a configurable time before it (the entity's
 * `appointment_reminder_hours`); checked again when it leaves (modules/agenda/messages.ts).
 */
export const [appointmentReminder, appointmentReminderSms] =
  appointmentMessage('appointment_reminder');
