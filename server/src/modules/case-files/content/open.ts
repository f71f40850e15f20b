import type { CaseFileOpenQuery, OpenedCaseFile } from '@caliu/common';
import type { RequestContext } from '../../../platform/context';
import { readHeader, type Deps } from '../service';
import { timelineIn } from './timeline';

/**
 * A case file as its page opens: the header and, when asked (`timeline`: how many entries), the
 * first page of its timeline — one request and one transaction instead of two, each read audited
 * as its own endpoint audits it. `timeline` is null when the viewer may not read the content
 * (a technical administrator sees the header only).
 */
export async function openCaseFile(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  query: CaseFileOpenQuery,
): Promise<OpenedCaseFile> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const { caseFile, row } = await readHeader(tx, ctx, id);
    if (query.timeline === undefined) return caseFile;
    const timeline = row.can_view_content
      ? await timelineIn(tx, ctx, row, id, { limit: query.timeline })
      : null;
    return { ...caseFile, timeline };
  });
}
