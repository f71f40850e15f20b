import { CONTENT_KINDS } from '@caliu/common';
import type { ContentKind } from '@caliu/common';

/** What the timeline shows: some kinds of entry, of one professional, within a period. */
export type TimelineFilters = {
  kinds: ContentKind[];
  /** '' for anyone. */
  professionalId: string;
  /** YYYY-MM-DD, '' for no bound. */
  from: string;
  to: string;
};

export const ALL_OF_THE_TIMELINE: TimelineFilters = {
  kinds: [...CONTENT_KINDS],
  professionalId: '',
  from: '',
  to: '',
};

/** Whether anything is left out (an empty timeline then says "nothing matches"). */
export function isFiltered(filters: TimelineFilters): boolean {
  return (
    filters.kinds.length < CONTENT_KINDS.length ||
    filters.professionalId !== '' ||
    filters.from !== '' ||
    filters.to !== ''
  );
}

/** Why the filters cannot be asked: no kind chosen, or a period that ends before it starts. */
export function timelineFilterProblem(filters: TimelineFilters): 'no_kinds' | 'period' | null {
  if (filters.kinds.length === 0) return 'no_kinds';
  if (filters.from && filters.to && filters.to < filters.from) return 'period';
  return null;
}

/** The query string of one page of the timeline: every kind is no `kinds` at all. */
export function timelineSearch(
  filters: TimelineFilters,
  cursor: string | null,
  limit: number,
): string {
  const params = new URLSearchParams();
  if (filters.kinds.length < CONTENT_KINDS.length) {
    // In the API's order, whatever the order they were ticked in.
    params.set('kinds', CONTENT_KINDS.filter((kind) => filters.kinds.includes(kind)).join(','));
  }
  if (filters.professionalId) params.set('professionalId', filters.professionalId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}
