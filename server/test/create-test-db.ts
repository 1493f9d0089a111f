import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, wrapPglite } from '../src/db/client.ts';
import { withDatabase } from './global-setup.ts';

/** A database of this test file's own, copied from the migrated template: PGlite, or PostgreSQL in CI. */
export async function createTestDb(): Promise<Database> {
  if (process.env.TEST_DATABASE_URL) {
    const copy = await createTestDatabaseCopy();
    const database = await openDatabase({ url: copy.url, poolSize: 5 });
    return {
      ...database,
      async close() {
        await database.close();
        await copy.drop();
      },
    } as Database;
  }
  const dump = await readFile(inject('templateDump'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return wrapPglite(pglite);
}

/**
 * A copy of the migrated template on the PostgreSQL server of TEST_DATABASE_URL, for tests whose Loket processes
 * connect to it themselves (DATABASE_URL); drop() removes it, whoever is still connected.
 */
export async function createTestDatabaseCopy(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('createTestDatabaseCopy needs TEST_DATABASE_URL');
  const name = `loket_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  return {
    url: withDatabase(url, name),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}
