import { type OperationLine, TICKET_ROLES } from '@caliu/common';

/** A translator: `t` of react-i18next, or any function of a key and its values. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The line keys the server sends (server/src/modules/support/operations, the commands' results),
 * each worded under `operationLines.lines` in support.json: one tree of words for the agents' desk
 * and the requester's ticket, which must say the same thing.
 */
export const OPERATION_LINE_KEYS = [
  'case_files_deleted',
  'memberships_removed',
  'appointments_unlinked',
  'case_files_moved',
  'assignments_moved',
  'persons_moved',
  'appointments_moved',
  'appointments_unmoved',
  'person_merged',
  'merge_memberships_moved',
  'merge_memberships_combined',
  'merge_content_moved',
  'merge_attachments_moved',
  'merge_appointments_moved',
  'merge_fields_filled',
  'merge_fields_taken',
  'case_file_merged',
  'members_moved',
  'members_combined',
  'assignments_added',
  'records_moved',
  'appointments_relinked',
  'case_files_outside',
  'persons_outside',
  'appointments_outside',
  'professional_created',
  'username_given',
  ...TICKET_ROLES.map((role) => `role_${role}` as const),
  'team_member',
  'team_coordinated',
  'sector_given',
  'cost_category_given',
  'first_access_by_email',
  'first_access_by_sms_typed',
  'first_access_by_sms_given',
  'first_access_sms_sent',
  'first_access_sms_failed_email_sent',
] as const;

const KNOWN = new Set<string>(OPERATION_LINE_KEYS);

/** One line of what an operation changes or changed, in words, and the numbers it names. */
export type OperationLineInWords = { key: string; text: string };

/**
 * What an operation changes (its preview) or changed (its result) in the reader's words: "1 case
 * file deleted: 2026/000034", the count in words and the numbers or names it concerns, with how
 * many more there are when the server sent only the first ones.
 */
export function operationLinesInWords(
  lines: readonly OperationLine[],
  t: Translate,
): OperationLineInWords[] {
  return lines.map(({ key, count, items }) => {
    // A key the console does not know yet (an operation added on the server first) still shows
    // its count rather than a translation key.
    const what = KNOWN.has(key)
      ? t(`operationLines.lines.${key}`, { count })
      : t('operationLines.unknown', { count });
    if (items.length === 0) return { key, text: what };
    const more = count - items.length;
    const listed = items.join(', ');
    return {
      key,
      text: `${what}: ${more > 0 ? `${listed} ${t('operationLines.andMore', { count: more })}` : listed}`,
    };
  });
}
