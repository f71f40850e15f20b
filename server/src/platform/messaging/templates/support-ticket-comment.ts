import { z } from 'zod';
import { TICKET_KINDS } from '@caliu/common';
import { defineEmailTemplate } from './define';

/**
 * Tells the requester of a support ticket that an agent wrote to them: the number, the kind and
 * the comment — no other content of the ticket.
 */
export const supportTicketComment = defineEmailTemplate({
  name: 'support_ticket_comment',
  data: z.object({
    number: z.string().min(1),
    kind: z.enum(TICKET_KINDS),
    comment: z.string().min(1),
  }),
  example: {
    number: 'T-2026-000012',
    kind: 'mass_transfer',
    comment: 'We will run the transfer tonight.',
  },
  compose: ({ data, t, entityName }) => ({
    subject: t('subject', { number: data.number }),
    blocks: [
      {
        kind: 'paragraph',
        text: t('intro', { number: data.number, kind: t(`kinds.${data.kind}`) }),
      },
      { kind: 'paragraph', text: data.comment },
      { kind: 'paragraph', text: t('where') },
      { kind: 'small', text: t('why', { entityName }) },
    ],
  }),
});
