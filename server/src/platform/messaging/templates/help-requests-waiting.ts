import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * Tells an entity's operators that submissions of the help form wait for the import (issue 22,
 * the watcher: modules/community-help/watcher.ts): how many, and a link to the table. Never a
 * name, a phone or a word of a request: those are read in Caliu.
 */
export const helpRequestsWaiting = defineEmailTemplate({
  name: 'help_requests_waiting',
  data: z.object({
    givenName: z.string().min(1),
    count: z.number().int().min(1),
    minutes: z.number().int().min(1),
    consoleUrl: z.string().min(1),
  }),
  example: {
    givenName: 'Marta',
    count: 3,
    minutes: 5,
    consoleUrl: 'https://caliu.example/help-requests',
  },
  compose: ({ data, t, entityName }) => {
    const plural = data.count === 1 ? 'one' : 'other';
    return {
      subject: t(`subject_${plural}`, { count: data.count }),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        { kind: 'paragraph', text: t(`intro_${plural}`, { count: data.count, entityName }) },
        { kind: 'paragraph', text: t('where') },
        { kind: 'action', label: t('action'), url: data.consoleUrl },
        { kind: 'small', text: t('why', { entityName, minutes: data.minutes }) },
      ],
    };
  },
});
