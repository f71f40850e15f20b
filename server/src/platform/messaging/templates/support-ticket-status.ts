import { z } from 'zod';
import { TICKET_KINDS, TICKET_STATUSES } from '@caliu/common';
import { defineEmailTemplate } from './define';

/**
 * Tells the requester of a support ticket that its status changed: the number, the kind, the new
 * status and the agent's comment for them, if any — no other content of the ticket.
 */
export const supportTicketStatus = defineEmailTemplate({
  name: 'support_ticket_status',
  data: z.object({
    number: z.string().min(1),
    kind: z.enum(TICKET_KINDS),
    status: z.enum(TICKET_STATUSES),
    comment: z.string().nullable(),
  }),
  example: {
    number: 'T-2026-000012',
    kind: 'merge_persons',
    status: 'waiting_requester',
    comment: 'Which of the two records has the right address?',
  },
  compose: ({ data, t, entityName }) => ({
    subject: t('subject', { number: data.number, status: t(`statuses.${data.status}`) }),
    blocks: [
      {
        kind: 'paragraph',
        text: t('intro', {
          number: data.number,
          kind: t(`kinds.${data.kind}`),
          status: t(`statuses.${data.status}`),
        }),
      },
      ...(data.comment
        ? [
            { kind: 'paragraph' as const, text: t('comment_intro') },
            { kind: 'paragraph' as const, text: data.comment },
          ]
        : []),
      { kind: 'paragraph', text: t(`next.${data.status}`) },
      { kind: 'small', text: t('why', { entityName }) },
    ],
  }),
});
