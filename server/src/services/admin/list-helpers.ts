import { type AnyColumn, type SQL, and, eq, gt, or } from 'drizzle-orm';
import { type Cursor, decodeCursor, encodeCursor } from '../shared/cursor.ts';

export { decodeCursor, encodeCursor, isUuid } from '../shared/cursor.ts';

/** A LIKE pattern matching `text` anywhere, with the pattern characters in it taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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
