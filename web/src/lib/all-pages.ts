import { apiJson } from './api-client';
import type { Schema } from './api-client';

/** The largest page the API serves. */
const PAGE_LIMIT = 200;

/**
 * Every item of a paginated list (`{ items, nextCursor }`), page after page: for the short lists a
 * form picks from (an entity's municipalities, sectors or teams).
 */
export async function allPages<T>(
  path: string,
  schema: Schema<{ items: T[]; nextCursor: string | null }>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(path, window.location.origin);
    url.searchParams.set('limit', String(PAGE_LIMIT));
    if (cursor) url.searchParams.set('cursor', cursor);
    const page: { items: T[]; nextCursor: string | null } = await apiJson(
      `${url.pathname}${url.search}`,
      schema,
      { signal },
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
