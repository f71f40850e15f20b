import { defineEmailTemplate, defineSmsTemplate } from './define';
import { appointmentData, appointmentExample, appointmentVars } from './appointment-time';

/**
 * Reminds a person of an appointment, sent a configurable time before it (the entity's appointment_reminder_hours).
 * Written to the person, in their language, with the time in the entity's zone; it names the
 * professional, the kind of place and the entity, never a case file, notes or a service.
 */
export const appointmentReminder = defineEmailTemplate({
  name: 'appointment_reminder',
  data: appointmentData,
  example: appointmentExample,
  compose: ({ data, t, entityName, language }) => {
    const vars = { ...appointmentVars(data, language, t), entityName };
    return {
      subject: t('subject', vars),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        { kind: 'paragraph', text: t('intro', vars) },
        { kind: 'paragraph', text: t('when', vars) },
        { kind: 'paragraph', text: vars.place },
        { kind: 'paragraph', text: t('change', vars) },
        { kind: 'small', text: t('common.appointment_why', { entityName }) },
      ],
    };
  },
});

/** The same by SMS: one short text. */
export const appointmentReminderSms = defineSmsTemplate({
  name: 'appointment_reminder_sms',
  data: appointmentData,
  example: appointmentExample,
  compose: ({ data, t, entityName, language }) =>
    t('text', { ...appointmentVars(data, language, t), entityName }),
});
