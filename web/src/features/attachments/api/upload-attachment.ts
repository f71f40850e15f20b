import { attachmentSchema } from '@caliu/common';
import type { Attachment, CreateAttachment } from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';
import { uploadAttachment } from '../upload-protocol';
import type { UploadOptions, UploadTransport } from '../upload-protocol';

const path = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/** The upload's requests to the API: JSON to create and complete, the chunks as bytes. */
export const apiTransport: UploadTransport = {
  create: (body, signal) =>
    apiJson('/api/attachments', attachmentSchema, { method: 'POST', body, signal }),
  putChunk: async (id, index, bytes, signal) => {
    await apiRequest(`${path(id)}/chunks/${index}`, { method: 'PUT', bytes, signal });
  },
  complete: (id, sha256, signal) =>
    apiJson(`${path(id)}/complete`, attachmentSchema, {
      method: 'POST',
      body: { sha256 },
      signal,
    }),
  discard: async (id) => {
    await apiRequest(path(id), { method: 'DELETE' });
  },
};

/** Uploads a file to the API (upload-protocol.ts says how). */
export function uploadFile(
  file: File,
  details: Omit<CreateAttachment, 'fileName' | 'size'>,
  options: Omit<UploadOptions, 'transport'>,
): Promise<Attachment> {
  return uploadAttachment(file, details, { ...options, transport: apiTransport });
}
