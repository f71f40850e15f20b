import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * Tells a professional that a person record or a case file was assigned or transferred to them
 * (its referent, or one of a case file's assigned professionals) — or, in one message, a whole
 * caseload (`caseload`: a support ticket's mass transfer, counts only). It names the case file's
 * number, never a person: the record itself is read in Caliu, behind its walls.
 */
export const assignment = defineEmailTemplate({
  name: 'assignment',
  data: z.object({
    givenName: z.string().min(1),
    assignedBy: z.string().min(1),
    recordType: z.enum(['person', 'case_file', 'caseload']),
    role: z.enum(['referent', 'assigned']),
    number: z.string().min(1).optional(),
    /** A caseload: how many case files (as referent or assigned) and person records. */
    caseFiles: z.number().int().min(0).optional(),
    persons: z.number().int().min(0).optional(),
  }),
  example: {
    givenName: 'Marta',
    assignedBy: 'Montse Riera Vila',
    recordType: 'case_file',
    role: 'referent',
    number: '2026/000034',
  },
  compose: ({ data, t, entityName }) => {
    const counted = (key: string, count: number) =>
      t(`${key}_${count === 1 ? 'one' : 'other'}`, { count });
    const caseload = data.recordType === 'caseload';
    const what =
      data.recordType === 'case_file'
        ? t(`case_file_${data.role}`, { number: data.number ?? '' })
        : caseload
          ? counted('caseload_case_files', data.caseFiles ?? 0) +
            (data.persons ? counted('caseload_and_persons', data.persons) : '')
          : t('person_referent');
    return {
      subject:
        data.recordType === 'case_file'
          ? t('subject_case_file', { number: data.number ?? '' })
          : caseload
            ? t('subject_caseload')
            : t('subject_person'),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        { kind: 'paragraph', text: t('intro', { assignedBy: data.assignedBy, what, entityName }) },
        { kind: 'paragraph', text: t(caseload ? 'where_caseload' : 'where') },
        { kind: 'small', text: t('why', { entityName }) },
      ],
    };
  },
});
