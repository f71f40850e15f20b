import { useQuery, useQueryClient } from '@tanstack/react-query';
import { caseFileSchema, openedCaseFileSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { ALL_OF_THE_TIMELINE } from '../timeline-filters';
import { TIMELINE_PAGE_SIZE } from './get-timeline';
import { caseFileKey, timelineKey } from './keys';

export async function getCaseFile(id: string, signal?: AbortSignal) {
  return apiJson(`/api/case-files/${encodeURIComponent(id)}`, caseFileSchema, { signal });
}

/** The header with the first page of the whole timeline (null if the user may not read it). */
async function openCaseFile(id: string, signal?: AbortSignal) {
  return apiJson(
    `/api/case-files/${encodeURIComponent(id)}?timeline=${TIMELINE_PAGE_SIZE}`,
    openedCaseFileSchema,
    { signal },
  );
}

/**
 * A case file's header, members, assigned professionals and what the user may do with it. The
 * first time, in the same request, the first page of its timeline (what the page shows first),
 * put where the timeline's query finds it; later refreshes of the header ask for the header only,
 * so they do not read (and audit) the content again.
 */
export function useCaseFile(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: caseFileKey(id),
    queryFn: async ({ signal }) => {
      const wholeTimeline = [...timelineKey(id), ALL_OF_THE_TIMELINE];
      if (queryClient.getQueryData(wholeTimeline) !== undefined) return getCaseFile(id, signal);
      const { timeline, ...caseFile } = await openCaseFile(id, signal);
      if (timeline) {
        queryClient.setQueryData(wholeTimeline, { pages: [timeline], pageParams: [null] });
      }
      return caseFile;
    },
  });
}
