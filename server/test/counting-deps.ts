import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Db } from '../src/db/client.ts';
import * as schema from '../src/db/schema.ts';
import type { ServiceDeps } from '../src/services/context.ts';
import type { Harness } from './harness.ts';

/**
 * The harness's deps (with `overrides`) on a database handle that notes each statement run, for tests that count
 * round trips. BEGIN, COMMIT and ROLLBACK are left out: only one of the two drivers reports them.
 */
export function countingDeps(
  h: Harness,
  overrides: Partial<ServiceDeps> = {},
): { deps: ServiceDeps; statements: string[] } {
  const statements: string[] = [];
  const logger = {
    logQuery: (query: string) => {
      if (!/^\s*(begin|commit|rollback)\b/i.test(query)) statements.push(query.trim());
    },
  };
  const db =
    h.database.kind === 'pglite'
      ? drizzlePglite(h.database.pglite, { schema, logger })
      : drizzlePg(h.database.pool, { schema, logger });
  return { deps: { ...h.deps, ...overrides, db: db as unknown as Db }, statements };
}
