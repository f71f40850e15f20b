import { appointmentCancelled, appointmentCancelledSms } from './appointment-cancelled';
import { appointmentConfirmation, appointmentConfirmationSms } from './appointment-confirmation';
import { appointmentReminder, appointmentReminderSms } from './appointment-reminder';
import { assignment } from './assignment';
import { calendarFeed } from './calendar-feed';
import { caseloadHandedOver } from './caseload-handed-over';
import { coordinatorRequest } from './coordinator-request';
import { coordinatorRequestClosed } from './coordinator-request-closed';
import type { MessageTemplate } from './define';
import { helpRequestReceived } from './help-request-received';
import { helpRequestsWaiting } from './help-requests-waiting';
import { loginThrottled } from './login-throttled';
import { passwordReset } from './password-reset';
import { professionalActivation } from './professional-activation';
import { professionalActivationSms } from './professional-activation-sms';
import { roleChange } from './role-change';
import { supportRequestConfirmation } from './support-request-confirmation';
import { supportTicketComment } from './support-ticket-comment';
import { supportTicketStatus } from './support-ticket-status';

export type { MessageTemplate, RenderInput, RenderedEmail, RenderedSms } from './define';
export { TemplateDataError } from './define';

/**
 * Every message kind Caliu sends: one file per template, its texts in
 * locales/<lang>/messaging.json under messaging.templates.<name>. Add new ones here.
 */
export const TEMPLATES: readonly MessageTemplate[] = [
  loginThrottled,
  professionalActivation,
  passwordReset,
  professionalActivationSms,
  roleChange,
  assignment,
  caseloadHandedOver,
  appointmentConfirmation,
  appointmentConfirmationSms,
  appointmentReminder,
  appointmentReminderSms,
  appointmentCancelled,
  appointmentCancelledSms,
  calendarFeed,
  coordinatorRequest,
  coordinatorRequestClosed,
  supportRequestConfirmation,
  supportTicketStatus,
  supportTicketComment,
  helpRequestReceived,
  helpRequestsWaiting,
];

const byName = new Map(TEMPLATES.map((t) => [t.name, t]));

export function findTemplate(name: string): MessageTemplate | undefined {
  return byName.get(name);
}
