/**
 * Keyset pagination by a text sort key (a name) and the id: `?limit=&cursor=` answers
 * `{ items, nextCursor }` like platform/pagination.ts, for lists read in alphabetical order.
 */
export function encodeKeyCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeKeyCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof key !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      return null;
    }
    return { key, id };
  } catch {
    return null;
  }
}

/** Given limit+1 rows, the page of `limit` items and the cursor of the next page. */
export function toKeyPage<Row extends { sortKey: string; id: string }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last ? encodeKeyCursor(last.sortKey, last.id) : null,
  };
}
