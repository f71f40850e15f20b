import { z } from 'zod';
import { COORDINATOR_REQUEST_KINDS } from '@caliu/common';
import { defineEmailTemplate } from './define';

/**
 * Tells the professional who handed a request to their coordinators that one of them closed it,
 * as done or declined (issue 19). The reason of a refusal is read in Caliu: the email names only
 * the kind of request and the case file's number.
 */
export const coordinatorRequestClosed = defineEmailTemplate({
  name: 'coordinator_request_closed',
  data: z.object({
    givenName: z.string().min(1),
    coordinatorName: z.string().min(1),
    kind: z.enum(COORDINATOR_REQUEST_KINDS),
    outcome: z.enum(['done', 'declined']),
    number: z.string().min(1).optional(),
    consoleUrl: z.string().min(1),
  }),
  example: {
    givenName: 'Marta',
    coordinatorName: 'Laia Soler Roca',
    kind: 'delete_persons',
    outcome: 'declined',
    consoleUrl: 'https://caliu.example/',
  },
  compose: ({ data, t, entityName }) => {
    const what = data.number
      ? t(`kinds_of_file.${data.kind}`, { number: data.number })
      : t(`kinds_plain.${data.kind}`);
    return {
      subject: t(`subject_${data.outcome}`),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        {
          kind: 'paragraph',
          text: t(`intro_${data.outcome}`, { coordinatorName: data.coordinatorName, what }),
        },
        ...(data.outcome === 'declined'
          ? [{ kind: 'paragraph' as const, text: t('reason_in_caliu') }]
          : []),
        { kind: 'action', label: t('action'), url: data.consoleUrl },
        { kind: 'small', text: t('why', { entityName }) },
      ],
    };
  },
});
