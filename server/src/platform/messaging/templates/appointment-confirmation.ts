import { appointmentMessage } from './appointment-time';

/*
 * Written to the person, in their language, with the time in the entity's zone; it names the
 * professional, the kind of place and the entity, never a case file, notes or a service.
 */

/**
 * Confirms a booked appointment to a person who agreed to be contacted by that channel; for one
 * moved (another time or professional), it says the appointment changed, so that the person does
 * not think they now have two.
 */
export const [appointmentConfirmation, appointmentConfirmationSms] = appointmentMessage(
  'appointment_confirmation',
  { announcesChange: true },
);
