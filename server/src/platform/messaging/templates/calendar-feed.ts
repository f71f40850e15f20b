import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * A professional's calendar feed: the secret address their calendar application subscribes to.
 * The token is in the path (`/feeds/<token>.ics`), not after `#`, because calendar applications
 * fetch the address as it is; the request log writes that path as `/feeds/[token]`.
 */
export const calendarFeed = defineEmailTemplate({
  name: 'calendar_feed',
  linkPath: '/feeds',
  linkToken: { in: 'path', suffix: '.ics' },
  data: z.object({ givenName: z.string().min(1), includeNames: z.boolean() }),
  example: { givenName: 'Marta', includeNames: false },
  compose: ({ data, t, entityName, link }) => ({
    subject: t('subject'),
    blocks: [
      { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
      { kind: 'paragraph', text: t('intro', { entityName }) },
      { kind: 'action', label: t('action'), url: link! },
      { kind: 'paragraph', text: t(data.includeNames ? 'names_yes' : 'names_no') },
      { kind: 'paragraph', text: t('secret') },
      { kind: 'small', text: t('why', { entityName }) },
    ],
  }),
});
