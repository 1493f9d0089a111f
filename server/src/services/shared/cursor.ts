import { isUuid } from './ids.ts';
import { invalid } from '../../domain/app-error.ts';

export { isUuid };

/** Keyset cursor over (sort value, id): every page is one range scan, however deep the list goes. */
export type Cursor = { v: string; id: string };

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** A cursor as a client sent it back; `isValue` checks the sort value for the list's sort column. */
export function decodeCursor(raw: string, isValue: (value: string) => boolean = () => true): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.v === 'string' && isValue(cursor.v) && typeof cursor.id === 'string' && isUuid(cursor.id)) {
      return cursor;
    }
  } catch {
    // not JSON: fall through to the one answer for a bad cursor
  }
  throw invalid('Invalid cursor');
}
