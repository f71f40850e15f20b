import { hasControlCharacters, isUuid } from '@caliu/common';
import { AppError } from './errors';

/**
 * Keyset pagination: lists answer `{ items, nextCursor }`; the cursor encodes the last row's sort
 * key (a time, or a text such as a name) and its id, so pages stay stable while rows are added.
 * A cursor that is not one of ours is a 400, never a silent first page.
 */
const invalidCursor = () => new AppError('common.invalid_cursor', 400);

export function encodeCursor(key: Date | string, id: string): string {
  return Buffer.from(JSON.stringify([key instanceof Date ? key.toISOString() : key, id])).toString(
    'base64url',
  );
}

function decode(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [key, id] = value as unknown[];
      if (typeof key === 'string' && key.length <= 400 && !hasControlCharacters(key) && isUuid(id))
        return [key, id];
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/** The position after a row sorted by time. */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [key, id] = decode(cursor);
  const at = new Date(key);
  if (Number.isNaN(at.getTime())) throw invalidCursor();
  return { at, id };
}

/** The position after a row sorted by a text key (a name). */
export function decodeKeyCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  const [key, id] = decode(cursor);
  return { key, id };
}

/**
 * Offset pagination, for lists ranked by relevance (the person search), where no row key orders
 * the pages: the cursor is the position in the ranking, up to `max`. Not one of ours, or past
 * `max`: a 400, never a silent first page.
 */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeOffsetCursor(cursor: string | undefined, max: number): number {
  if (!cursor) return 0;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const o = (value as { o?: unknown } | null)?.o;
  if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= max) return o;
  throw invalidCursor();
}

function page<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  keyOf: (row: Row) => Date | string,
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last), last.id) : null,
  };
}

/** Given limit+1 rows sorted by time, the page of `limit` items and the next page's cursor. */
export function toPage<Row extends { createdAt: Date; id: string }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
) {
  return page(rows, limit, present, (row) => row.createdAt);
}

/** Given limit+1 rows sorted by a text key, the page of `limit` items and the next cursor. */
export function toKeyPage<Row extends { sortKey: string; id: string }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
) {
  return page(rows, limit, present, (row) => row.sortKey);
}
