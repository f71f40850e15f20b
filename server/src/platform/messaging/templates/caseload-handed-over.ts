import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * Tells a professional that their caseload was handed over to a colleague by a coordinator's
 * transfer, approved by a second person (issue 21): who asked, who approved, to whom, and how
 * many records — counts only, never a person or a number.
 */
export const caseloadHandedOver = defineEmailTemplate({
  name: 'caseload_handed_over',
  data: z.object({
    givenName: z.string().min(1),
    requestedBy: z.string().min(1),
    approvedBy: z.string().min(1),
    receiverName: z.string().min(1),
    caseFiles: z.number().int().min(0),
    persons: z.number().int().min(0),
    appointments: z.number().int().min(0),
  }),
  example: {
    givenName: 'Marta',
    requestedBy: 'Montse Riera Vila',
    approvedBy: 'Jordi Vidal Soler',
    receiverName: 'Laia Puig Serra',
    caseFiles: 34,
    persons: 12,
    appointments: 3,
  },
  compose: ({ data, t, entityName }) => {
    const counted = (key: string, count: number) =>
      t(`${key}_${count === 1 ? 'one' : 'other'}`, { count });
    const what = [
      counted('case_files', data.caseFiles),
      ...(data.persons > 0 ? [counted('persons', data.persons)] : []),
      ...(data.appointments > 0 ? [counted('appointments', data.appointments)] : []),
    ].join(', ');
    return {
      subject: t('subject', { receiverName: data.receiverName }),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        {
          kind: 'paragraph',
          text: t('intro', {
            requestedBy: data.requestedBy,
            approvedBy: data.approvedBy,
            receiverName: data.receiverName,
            entityName,
          }),
        },
        { kind: 'paragraph', text: t('what', { what }) },
        { kind: 'small', text: t('why', { entityName }) },
      ],
    };
  },
});
