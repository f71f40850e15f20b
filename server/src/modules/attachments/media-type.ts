import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType } from '@caliu/common';

/**
 * The type of an attachment, decided from its first bytes (never its name) by `file-type`: a PDF,
 * a photograph or an office document whose ZIP container's first entries say which one (the first
 * chunk holds them). Anything else — an executable renamed `.pdf`, plain text, a ZIP that is not
 * an office document — is refused.
 */
export async function detectMediaType(head: Uint8Array): Promise<AttachmentMediaType | null> {
  let mime: string | undefined;
  try {
    mime = (await fileTypeFromBuffer(head))?.mime;
  } catch {
    // A container too damaged to read is not a document we accept.
    return null;
  }
  return isAccepted(mime) ? mime : null;
}

function isAccepted(mime: string | undefined): mime is AttachmentMediaType {
  return (ATTACHMENT_MEDIA_TYPES as readonly (string | undefined)[]).includes(mime);
}

/** The accepted types as a person knows them, for the refusal's message. */
export const ACCEPTED_TYPE_NAMES = 'PDF, JPEG, PNG, HEIC, DOCX, ODT, XLSX, ODS';
