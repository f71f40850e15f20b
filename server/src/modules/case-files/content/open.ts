import type { CaseFileOpenQuery, OpenedCaseFile, TimelinePage } from '@caliu/common';
import { writeAudits } from '../../../platform/audit';
import { actorOf, type RequestContext } from '../../../platform/context';
import { headerRead, loadCaseFile, type Deps } from '../service';
import { contentRead } from './guard';
import { timelinePage } from './timeline';

/**
 * A case file as its page opens: the header and, when asked (`timeline`: how many entries), the
 * first page of its timeline — one request and one transaction instead of two, each read audited
 * as its own endpoint audits it (both rows in one statement). `timeline` is null when the viewer
 * may not read the content (a technical administrator sees the header only).
 */
export async function openCaseFile(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  query: CaseFileOpenQuery,
): Promise<OpenedCaseFile> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const { caseFile, row, memberIds } = await loadCaseFile(tx, ctx, id);
    const reads = [headerRead(id, memberIds)];
    let timeline: TimelinePage | null = null;
    if (query.timeline !== undefined && row.can_view_content) {
      timeline = await timelinePage(tx, ctx, row, id, { limit: query.timeline });
      reads.push(contentRead(id, memberIds));
    }
    await writeAudits(tx, actorOf(ctx), reads);
    return query.timeline === undefined ? caseFile : { ...caseFile, timeline };
  });
}
