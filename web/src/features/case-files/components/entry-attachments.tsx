import type { CaseFile, ContentKind } from '@caliu/common';
import { Attachments } from '@/lib/attachments-slot';
import type { AttachRight } from '@/lib/attachments-slot';

/** Who records content in a case file attaches documents to it and to its entries. */
export function attachRightOf(caseFile: CaseFile): AttachRight {
  return caseFile.can.addContent ? 'all' : 'none';
}

/** An entry's documents, folded under one short line (the attachments feature draws them). */
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
      attach={attachRightOf(caseFile)}
      variant="item"
    />
  );
}
