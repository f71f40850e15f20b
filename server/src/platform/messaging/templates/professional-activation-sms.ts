import { z } from 'zod';
import { defineSmsTemplate } from './define';

/**
 * A new professional's first access by SMS. Sent only through sendImmediateSms (sms.ts): the
 * mobile number it goes to is never stored.
 */
export const professionalActivationSms = defineSmsTemplate({
  name: 'professional_activation_sms',
  linkPath: '/activate',
  data: z.object({
    username: z.string().min(1),
    givenName: z.string().optional(),
    entityName: z.string().min(1).optional(),
  }),
  example: { givenName: 'Núria', username: 'nuria.casas', entityName: 'Ajuntament de Vilanova' },
  compose: ({ data, t, entityName, entityCode, link, hours }) =>
    t('text', {
      entityName: data.entityName ?? entityName,
      username: data.username,
      entityCode,
      link: link!,
      hours: hours ?? 0,
    }),
});
