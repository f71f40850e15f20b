import { z } from 'zod';
import { defineEmailTemplate, expiryText } from './define';

/**
 * The public help form's confirmation: the link opens the ticket (nothing is opened before it is
 * followed, so nobody can open tickets in someone else's name).
 */
export const supportRequestConfirmation = defineEmailTemplate({
  name: 'support_request_confirmation',
  linkPath: '/help/confirm',
  data: z.object({ name: z.string().min(1).max(200) }),
  example: { name: 'Jordi Puig' },
  compose: ({ data, t, entityName, link, hours }) => ({
    subject: t('subject'),
    blocks: [
      { kind: 'paragraph', text: t('greeting', { name: data.name }) },
      { kind: 'paragraph', text: t('intro', { entityName }) },
      { kind: 'action', label: t('action'), url: link! },
      { kind: 'small', text: expiryText(t, hours) },
      { kind: 'small', text: t('ignore') },
    ],
  }),
});
