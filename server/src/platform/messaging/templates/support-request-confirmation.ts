import { z } from 'zod';
import { defineEmailTemplate, expiryText } from './define';

/**
 * The public help form's confirmation: the link opens the ticket (nothing is opened before it is
 * followed, so nobody can open tickets in someone else's name). Nothing the form's author typed
 * goes into it: anyone may fill the form with any address of the entity's domain, and a Caliu
 * email must not carry their words to it.
 */
export const supportRequestConfirmation = defineEmailTemplate({
  name: 'support_request_confirmation',
  linkPath: '/help/confirm',
  data: z.object({}),
  example: {},
  compose: ({ t, entityName, link, hours }) => ({
    subject: t('subject'),
    blocks: [
      { kind: 'paragraph', text: t('greeting') },
      { kind: 'paragraph', text: t('intro', { entityName }) },
      { kind: 'action', label: t('action'), url: link! },
      { kind: 'small', text: expiryText(t, hours) },
      { kind: 'small', text: t('ignore') },
    ],
  }),
});
