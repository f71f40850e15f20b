import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * Tells a professional that sign-in to their account is paused: many wrong passwords were tried
 * on it, from more than one address (the account-wide limit of modules/auth/throttle.ts). Sent
 * once per episode; names neither the addresses nor the passwords tried.
 */
export const loginThrottled = defineEmailTemplate({
  name: 'login_throttled',
  data: z.object({
    givenName: z.string().min(1),
    username: z.string().min(1),
    minutes: z.number().int().min(1),
  }),
  example: { givenName: 'Marta', username: 'marta.puig', minutes: 1 },
  compose: ({ data, t, entityName }) => ({
    subject: t('subject'),
    blocks: [
      { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
      { kind: 'paragraph', text: t('intro', { username: data.username, entityName }) },
      {
        kind: 'paragraph',
        text: t(data.minutes === 1 ? 'paused_one' : 'paused_other', { count: data.minutes }),
      },
      { kind: 'paragraph', text: t('if_you') },
      { kind: 'small', text: t('if_not_you') },
    ],
  }),
});
