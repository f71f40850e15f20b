import type { CaseFile, ContentKind } from '@caliu/common';
import { Attachments } from '@/lib/attachments-slot';

/**
 * An entry's documents, folded under one short line (the attachments feature draws them, and
 * offers to attach as the server's list of the case file's documents says).
 */
export function EntryAttachments({
  caseFile,
  kind,
  itemId,
}: {
  caseFile: CaseFile;
  kind: ContentKind;
  itemId: string;
}) {
  return (
    <Attachments
      owner={{ type: 'item', caseFileId: caseFile.id, itemKind: kind, itemId }}
      variant="item"
    />
  );
}
