import {
  ATTACHMENT_CHUNK_BYTES,
  type Attachment,
  type AttachmentOwner,
  type Language,
} from '@caliu/common';
import { catalogueLabel } from '../case-files/present';
import type { AttachmentRow, OwnerColumns } from './repository';

/** The owner as the API names it, from the stored columns. */
export function ownerOf(row: {
  person_id: string | null;
  case_file_id: string | null;
  item_kind: AttachmentRow['item_kind'];
  item_id: string | null;
}): AttachmentOwner {
  if (row.person_id) return { type: 'person', personId: row.person_id };
  if (row.item_kind && row.item_id) {
    return {
      type: 'item',
      caseFileId: row.case_file_id!,
      itemKind: row.item_kind,
      itemId: row.item_id,
    };
  }
  return { type: 'case_file', caseFileId: row.case_file_id! };
}

/** The stored columns of an owner the API names. */
export function columnsOf(owner: AttachmentOwner): OwnerColumns {
  switch (owner.type) {
    case 'person':
      return { personId: owner.personId, caseFileId: null, itemKind: null, itemId: null };
    case 'case_file':
      return { personId: null, caseFileId: owner.caseFileId, itemKind: null, itemId: null };
    case 'item':
      return {
        personId: null,
        caseFileId: owner.caseFileId,
        itemKind: owner.itemKind,
        itemId: owner.itemId,
      };
  }
}

/** An attachment as the viewer may see it; the category named in the request's language. */
export function presentAttachment(row: AttachmentRow, language: Language): Attachment {
  return {
    id: row.id,
    owner: ownerOf(row),
    title: row.title,
    category: {
      id: row.category_id,
      code: row.category_code,
      label: catalogueLabel('document_category', row.category_code, row.category_labels, language),
    },
    documentDate: row.document_date,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    state: row.state,
    uploadedBy: row.uploaded_by ? { id: row.uploaded_by, name: row.uploader_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    receivedBytes: row.received_bytes,
    chunkBytes: ATTACHMENT_CHUNK_BYTES,
    can: { delete: row.may_delete },
  };
}

/** Bytes as megabytes for a message, in the reader's language (`20`, `0,5`). */
export function megabytes(bytes: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(bytes / 1024 ** 2);
}

/**
 * `Content-Disposition: attachment` with the stored file name (RFC 6266): an ASCII fallback for
 * old clients, and the name itself percent-encoded in UTF-8 (`filename*`, RFC 8187).
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
