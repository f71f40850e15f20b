import type { Catalogue, ContentKind } from '@caliu/common';
import { caseFilesKey } from '@/lib/api/case-files';

/**
 * The query keys of the case files feature, under the root every feature shares
 * (lib/api/case-files): one invalidation reaches lists, number searches and records.
 */
export { caseFilesKey };

export const caseFileListKey = [...caseFilesKey, 'list'] as const;

export const caseFileKey = (id: string) => [...caseFilesKey, 'one', id] as const;

/** A case file's interventions: read apart from the header (each read is audited). */
export const interventionsKey = (id: string) => [...caseFilesKey, 'interventions', id] as const;

export const catalogueKey = (name: Catalogue) => [...caseFilesKey, 'catalogue', name] as const;

/** The professionals a case file may name (referent, assigned, present). */
export const professionalsKey = [...caseFilesKey, 'professionals'] as const;

/**
 * Everything else recorded in a case file (demands, problems, resources, procedures, plans) and
 * the timeline of it all: one invalidation reaches every list and every filtered timeline.
 */
export const contentKey = (id: string) => [...caseFilesKey, 'content', id] as const;

/** One kind's list (interventions have their own key above). */
export const contentListKey = (id: string, kind: Exclude<ContentKind, 'intervention'>) =>
  [...contentKey(id), kind] as const;

/** The timeline, whatever its filters. */
export const timelineKey = (id: string) => [...contentKey(id), 'timeline'] as const;

/** A case file's intervention plans: one of its content lists. */
export const plansKey = (id: string) => contentListKey(id, 'plan');

/**
 * How long a read of content stays fresh: coming back to a tab within it shows what was read
 * (each read is audited) instead of reading again; recording anything refreshes it at once.
 */
export const CONTENT_STALE_MS = 30_000;
