import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * One dialect, two engines: PGlite (PostgreSQL in WASM) in a data folder, or a real PostgreSQL server.
 * `raw` is what the job queue adapts to (pg-boss's fromPglite, or the connection string for its own pool).
 */
export type Database =
  | { kind: 'pglite'; db: Db; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgres'; db: Db; pool: pg.Pool; url: string; close(): Promise<void> };

export type DatabaseOptions = {
  url?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  /** Errors of idle pooled connections (a server restart, a dropped connection); the pool replaces them. */
  onIdleError?: (error: Error) => void;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      Client: AutoPreparingClient,
    });
    // Without a listener an idle connection's error would be an unhandled 'error' event and end the process.
    pool.on('error', options.onIdleError ?? (() => undefined));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { kind: 'postgres', db, pool, url: options.url, close: () => pool.end() };
  }
  let pglite: PGlite;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    pglite = await PGlite.create(options.dataDir);
  } else {
    pglite = await PGlite.create();
  }
  return wrapPglite(pglite);
}

/** How often a statement text must have run in this process before it is prepared (as JDBC's prepareThreshold). */
const PREPARE_AFTER = 3;
/** At most this many statement texts are prepared (the rest run unnamed), and this many counted at a time. */
const MAX_PREPARED = 400;
const MAX_COUNTED = 4000;
const seen = new Map<string, number>();
const preparedNames = new Map<string, string>();

/** The name to prepare a statement text under, once it has proved to repeat; undefined to run it unnamed. */
export function preparedNameOf(text: string): string | undefined {
  const named = preparedNames.get(text);
  if (named) return named;
  const count = (seen.get(text) ?? 0) + 1;
  if (count < PREPARE_AFTER) {
    // One-off texts (dynamic filters, lists of every length) must not fill the count for good: start counting afresh.
    if (seen.size >= MAX_COUNTED && !seen.has(text)) seen.clear();
    seen.set(text, count);
    return undefined;
  }
  if (preparedNames.size >= MAX_PREPARED) return undefined;
  seen.delete(text);
  const name = `lk_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
  preparedNames.set(text, name);
  return name;
}

/**
 * node-postgres with automatic server-side prepared statements: a parameterised statement whose text has run a few
 * times in this process gets a name derived from its text, so each connection parses and plans it once and then only
 * binds and executes it (PostgreSQL keeps a generic plan once it proves as good). Planning was half of the database's
 * time on the mail path (docs/decisions/0012). Statements without parameters (BEGIN, COMMIT) and ones already named
 * are left as they are; the number of names is capped, so dynamic SQL cannot grow a connection's statements forever.
 */
class AutoPreparingClient extends pg.Client {
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const params = Array.isArray(values) ? values : (config as pg.QueryConfig | null)?.values;
    if (
      config !== null &&
      typeof config === 'object' &&
      typeof (config as { submit?: unknown }).submit !== 'function' &&
      typeof (config as pg.QueryConfig).text === 'string' &&
      (config as pg.QueryConfig).text.length <= MAX_PREPARED_TEXT &&
      !(config as pg.QueryConfig).name &&
      Array.isArray(params) &&
      params.length > 0
    ) {
      const name = preparedNameOf((config as pg.QueryConfig).text);
      // The values are serialised here, as pg would at Bind: one it cannot serialise (a BigInt in JSON) makes pg
      // close the named statement on the server while still counting it as parsed, so that connection could never
      // run the statement again. Such a query runs unnamed instead, and fails as it would have.
      const serialised = name ? serialise(params) : undefined;
      if (name && serialised) {
        config = { ...(config as pg.QueryConfig), name, values: serialised };
        if (Array.isArray(values)) values = undefined;
      }
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

/** Longer statement texts are never prepared (nor counted): the count keeps texts, not hashes. */
const MAX_PREPARED_TEXT = 20_000;
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils;

function serialise(values: unknown[]): unknown[] | undefined {
  try {
    return values.map((value) => prepareValue(value));
  } catch {
    return undefined;
  }
}

export function wrapPglite(pglite: PGlite): Database {
  // PGlite plans every statement afresh on the server's own thread, and planning the ticket view's joins cost more
  // than running them. Our joins are written in the order to run them (tickets first), so the planner keeps it.
  void pglite.exec('SET join_collapse_limit = 1');
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { kind: 'pglite', db, pglite, close: () => pglite.close() };
}

/** Applies the committed migrations. On PostgreSQL an advisory lock keeps concurrent starts from racing. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727274)');
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    client.release();
  }
}

/**
 * Writes that need nothing of one another's results, in one round trip: all but the last run as data-modifying CTEs
 * of the last (PostgreSQL runs each exactly once, referenced or not). They all see the snapshot from before the
 * statement, so none may depend on another's effect or touch a row another one writes.
 */
export async function writeTogether(executor: Executor, writes: readonly SQLWrapper[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await executor.execute(writes[0]!.getSQL());
    return;
  }
  const ctes = writes.slice(0, -1).map((write, i) => sql`${sql.raw(`w${i}`)} AS (${write.getSQL()})`);
  await executor.execute(sql`WITH ${sql.join(ctes, sql`, `)} ${writes.at(-1)!.getSQL()}`);
}

/** Rows of a raw SQL statement, the same on PGlite and node-postgres (both answer `{ rows }`). */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
