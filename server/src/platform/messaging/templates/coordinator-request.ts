import { z } from 'zod';
import { COORDINATOR_REQUEST_KINDS } from '@caliu/common';
import { defineEmailTemplate } from './define';

/**
 * Tells a coordinator that a professional of their team handed them a request (issue 19):
 * deleting person records, transferring or deleting a case file's content, unlinking persons.
 * It names the case file's number and how many records, never a person nor the note: the
 * request itself is read on the console's home page, behind its walls.
 */
export const coordinatorRequest = defineEmailTemplate({
  name: 'coordinator_request',
  data: z.object({
    givenName: z.string().min(1),
    requesterName: z.string().min(1),
    kind: z.enum(COORDINATOR_REQUEST_KINDS),
    number: z.string().min(1).optional(),
    persons: z.number().int().min(0),
    items: z.number().int().min(0),
    consoleUrl: z.string().min(1),
  }),
  example: {
    givenName: 'Laia',
    requesterName: 'Marta Puig Serra',
    kind: 'transfer_content',
    number: '2026/000034',
    persons: 0,
    items: 2,
    consoleUrl: 'https://caliu.example/',
  },
  compose: ({ data, t, entityName }) => {
    const what = t(`kinds.${data.kind}`, {
      number: data.number ?? '',
      count:
        data.kind === 'delete_persons' || data.kind === 'unlink_persons'
          ? data.persons
          : data.items,
    });
    return {
      subject: t('subject', { requesterName: data.requesterName }),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        {
          kind: 'paragraph',
          text: t('intro', { requesterName: data.requesterName, what, entityName }),
        },
        { kind: 'paragraph', text: t('where') },
        { kind: 'action', label: t('action'), url: data.consoleUrl },
        { kind: 'small', text: t('why', { entityName }) },
      ],
    };
  },
});
