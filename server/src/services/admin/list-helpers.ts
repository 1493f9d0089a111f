import { type AnyColumn, type SQL, and, eq, gt, or } from 'drizzle-orm';
import { invalid } from '../../domain/app-error.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are checked before they reach a uuid column: anything else names nothing (404), never a 500. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** A LIKE pattern matching `text` anywhere, with the pattern characters in it taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Keyset cursor over (sort value, id): every page is one range scan, however deep the list goes. */
type Cursor = { v: string; id: string };

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(raw: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.v === 'string' && typeof cursor.id === 'string' && isUuid(cursor.id)) return cursor;
  } catch {
    // not JSON: fall through to the one answer for a bad cursor
  }
  throw invalid('Invalid cursor');
}

/** Rows after the cursor in ascending (sortColumn, idColumn) order. */
export function afterCursor(raw: string | undefined, sortColumn: AnyColumn, idColumn: AnyColumn): SQL | undefined {
  if (!raw) return undefined;
  const cursor = decodeCursor(raw);
  return or(gt(sortColumn, cursor.v), and(eq(sortColumn, cursor.v), gt(idColumn, cursor.id)));
}

/** One page of `limit` rows from `limit + 1` fetched, with the cursor to the next page when there is one. */
export function splitPage<Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
