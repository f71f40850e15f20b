import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import type { MemberRole } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

export async function changeMemberRole({
  id,
  personId,
  role,
}: {
  id: string;
  personId: string;
  role: MemberRole;
}) {
  return apiJson(
    `/api/case-files/${encodeURIComponent(id)}/members/${encodeURIComponent(personId)}`,
    caseFileSchema,
    { method: 'PATCH', body: { role } },
  );
}

/** Changes a member's role in the case file. */
export function useChangeMemberRole() {
  const changed = useCaseFileChanged();
  return useMutation({ mutationFn: changeMemberRole, onSuccess: (caseFile) => changed(caseFile) });
}
