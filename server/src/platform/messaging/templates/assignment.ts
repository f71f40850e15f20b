import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * Tells a professional that a person record or a case file was assigned or transferred to them
 * (its referent, or one of a case file's assigned professionals). It names the case file's
 * number, never a person: the record itself is read in Caliu, behind its walls.
 */
export const assignment = defineEmailTemplate({
  name: 'assignment',
  data: z.object({
    givenName: z.string().min(1),
    assignedBy: z.string().min(1),
    recordType: z.enum(['person', 'case_file']),
    role: z.enum(['referent', 'assigned']),
    number: z.string().min(1).optional(),
  }),
  example: {
    givenName: 'Marta',
    assignedBy: 'Montse Riera Vila',
    recordType: 'case_file',
    role: 'referent',
    number: '2026/000034',
  },
  compose: ({ data, t, entityName }) => {
    const what =
      data.recordType === 'case_file'
        ? t(`case_file_${data.role}`, { number: data.number ?? '' })
        : t('person_referent');
    return {
      subject:
        data.recordType === 'case_file'
          ? t('subject_case_file', { number: data.number ?? '' })
          : t('subject_person'),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        { kind: 'paragraph', text: t('intro', { assignedBy: data.assignedBy, what, entityName }) },
        { kind: 'paragraph', text: t('where') },
        { kind: 'small', text: t('why', { entityName }) },
      ],
    };
  },
});
