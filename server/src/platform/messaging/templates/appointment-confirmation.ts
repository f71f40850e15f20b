import { defineEmailTemplate, defineSmsTemplate } from './define';
import { appointmentData, appointmentExample, appointmentVars } from './appointment-time';

/**
 * Confirms a booked (or moved) appointment to a person who agreed to be contacted by that channel.
 * Written to the person, in their language, with the time in the entity's zone; it names the
 * professional, the kind of place and the entity, never a case file, notes or a service.
 */
export const appointmentConfirmation = defineEmailTemplate({
  name: 'appointment_confirmation',
  data: appointmentData,
  example: appointmentExample,
  compose: ({ data, t, entityName, language }) => {
    const vars = { ...appointmentVars(data, language, t), entityName };
    return {
      subject: t(data.changed ? 'subject_changed' : 'subject', vars),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        { kind: 'paragraph', text: t(data.changed ? 'intro_changed' : 'intro', vars) },
        { kind: 'paragraph', text: t('when', vars) },
        { kind: 'paragraph', text: vars.place },
        { kind: 'paragraph', text: t('change', vars) },
        { kind: 'small', text: t('common.appointment_why', { entityName }) },
      ],
    };
  },
});

/** The same by SMS: one short text. */
export const appointmentConfirmationSms = defineSmsTemplate({
  name: 'appointment_confirmation_sms',
  data: appointmentData,
  example: appointmentExample,
  compose: ({ data, t, entityName, language }) =>
    t(data.changed ? 'text_changed' : 'text', {
      ...appointmentVars(data, language, t),
      entityName,
    }),
});
