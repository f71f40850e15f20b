import { z } from 'zod';
import { defineEmailTemplate, expiryText } from './define';

/** A password reset the professional asked for: the link opens the page to choose a new one. */
export const passwordReset = defineEmailTemplate({
  name: 'password_reset',
  linkPath: '/reset-password',
  data: z.object({
    givenName: z.string().min(1),
    entityName: z.string().min(1).optional(),
  }),
  example: { givenName: 'Jordi', entityName: 'Consell Comarcal del Riu' },
  compose: ({ data, t, entityName, entityCode, link, hours }) => ({
    subject: t('subject'),
    blocks: [
      { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
      { kind: 'paragraph', text: t('intro', { entityName: data.entityName ?? entityName }) },
      { kind: 'action', label: t('action'), url: link! },
      {
        kind: 'paragraph',
        text: t('common.sign_in', { entityCode, entityName: data.entityName ?? entityName }),
      },
      { kind: 'small', text: expiryText(t, hours) },
      { kind: 'small', text: t('ignore') },
    ],
  }),
});
