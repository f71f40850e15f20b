import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { attachmentsKey } from './keys';

export async function deleteAttachment(id: string): Promise<void> {
  await apiRequest(`/api/attachments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Deletes an attachment (its uploader within a day, or a coordinator of the record's team). */
export function useDeleteAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAttachment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey }),
  });
}
