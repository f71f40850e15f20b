import { ticketAttachmentSchema } from '@caliu/common';
import type { TicketAttachment, TicketAttachmentCreate } from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';
import { ticketAttachmentPath, ticketAttachmentsPath } from '../ticket-files';
import type { TicketTarget } from '../ticket-files';
import { uploadAttachment } from '../upload-protocol';
import type { UploadOptions, UploadTransport } from '../upload-protocol';

/** The upload's requests (upload-protocol.ts) to a ticket's routes. */
export function ticketTransport(
  target: TicketTarget,
): UploadTransport<TicketAttachmentCreate, TicketAttachment> {
  const one = (id: string) => ticketAttachmentPath(target, id);
  return {
    create: (body, signal) =>
      apiJson(ticketAttachmentsPath(target), ticketAttachmentSchema, {
        method: 'POST',
        body,
        signal,
      }),
    putChunk: async (id, index, bytes, signal) => {
      await apiRequest(`${one(id)}/chunks/${index}`, { method: 'PUT', bytes, signal });
    },
    complete: (id, sha256, signal) =>
      apiJson(`${one(id)}/complete`, ticketAttachmentSchema, {
        method: 'POST',
        body: { sha256 },
        signal,
      }),
    discard: async (id) => {
      await apiRequest(one(id), { method: 'DELETE' });
    },
  };
}

/** Uploads a file to a ticket. */
export function uploadTicketFile(
  target: TicketTarget,
  file: File,
  options: Omit<UploadOptions, 'transport'>,
): Promise<TicketAttachment> {
  return uploadAttachment(file, {}, { ...options, transport: ticketTransport(target) });
}

/** Deletes a ticket's file (its uploader's: an upload, or a file within a day of adding it). */
export async function deleteTicketFile(target: TicketTarget, attachmentId: string): Promise<void> {
  await apiRequest(ticketAttachmentPath(target, attachmentId), { method: 'DELETE' });
}
