import { appointmentMessage } from './appointment-time';

/*
 * Written to the person, in their language, with the time in the entity's zone; it names the
 * professional, the kind of place and the entity, never a case file, notes or a service.
 */

/** Tells a person that an appointment was cancelled (never why: the reason stays in Caliu). */
export const [appointmentCancelled, appointmentCancelledSms] =
  appointmentMessage('appointment_cancelled');
