import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are checked before they reach a uuid column: anything else names nothing (404), never a 500. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * `column = ANY($1::uuid[])` with the ids as one array parameter: the same statement text for any number of ids, so
 * it is prepared once (db/client.ts), where `IN ($1, $2, …)` is a new statement for every list length.
 */
export const inUuids = (column: AnyColumn, ids: readonly string[]): SQL =>
  sql`${column} = ANY(${`{${ids.join(',')}}`}::uuid[])`;
