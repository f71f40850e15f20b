import type { AttachmentListQuery } from '@caliu/common';

/** Which list of attachments is read: a person's, or a case file's (with its items' on request). */
export type ListQuery = Pick<AttachmentListQuery, 'ownerType' | 'ownerId' | 'includeItems'>;

/** The query keys of the attachments feature: one invalidation reaches every record's list. */
export const attachmentsKey = ['attachments'] as const;

/** The list of a record's attachments (a person, a case file with or without its items' ones). */
export const attachmentListKey = (query: ListQuery) => [...attachmentsKey, 'list', query] as const;

/** The entity's document categories, in the console's language. */
export const documentCategoriesKey = (language: string) =>
  [...attachmentsKey, 'categories', language] as const;

/**
 * How long a list stays fresh: the entries of a case file's timeline read it once between them
 * (each read is audited), and an upload or a deletion refreshes it at once.
 */
export const ATTACHMENTS_STALE_MS = 30_000;
