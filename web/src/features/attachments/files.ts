import { ATTACHMENT_TITLE_MAX, IDENTITY_CATEGORY } from '@caliu/common';
import type { AttachmentList } from '@caliu/common';

/**
 * What the file picker offers: the types the server accepts (it decides from the content, never
 * from the name, so this only spares the user a refusal).
 */
export const ACCEPTED_FILES = [
  '.pdf',
  '.jpg',
  '.jpeg',
  '.png',
  '.heic',
  '.heif',
  '.docx',
  '.odt',
  '.xlsx',
  '.ods',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
].join(',');

/** A document's title as the file's name suggests it: without its extension, at most 200 long. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  return base.trim().slice(0, ATTACHMENT_TITLE_MAX).trim();
}

const KB = 1024;
const MB = 1024 * 1024;

/** A file's size in the console's language: kilobytes under a megabyte, megabytes above. */
export function formatFileSize(bytes: number, language: string): string {
  if (bytes < MB) {
    return new Intl.NumberFormat(language, {
      style: 'unit',
      unit: 'kilobyte',
      maximumFractionDigits: 0,
    }).format(Math.max(1, Math.ceil(bytes / KB)));
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  }).format(bytes / MB);
}

/** What the server's list says the user may do on its owner. */
export type OwnerRights = AttachmentList['can'];

/** Nothing, until the list has said otherwise. */
export const NO_RIGHTS: OwnerRights = {
  viewIdentity: false,
  viewOther: false,
  attachIdentity: false,
  attachOther: false,
};

/** Whether the user may attach a document of this category here, as the server's list says. */
export function mayAttach(can: OwnerRights, categoryCode: string): boolean {
  return categoryCode === IDENTITY_CATEGORY ? can.attachIdentity : can.attachOther;
}

/** On a person: the user sees the identity documents and none of the others. */
export function identityOnly(can: OwnerRights): boolean {
  return can.viewIdentity && !can.viewOther;
}

/** The whole part of a percentage of bytes sent (100 only once every byte is). */
export function percentOf(sent: number, total: number): number {
  if (total <= 0 || sent >= total) return 100;
  return Math.floor((sent / total) * 100);
}
