import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, wrapPglite } from '../src/db/client.ts';
import { withDatabase } from './global-setup.ts';

/** A database of this test file's own, copied from the migrated template: PGlite, or PostgreSQL in CI. */
export async function createTestDb(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `loket_test_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 5 });
    return {
      ...database,
      async close() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      },
    } as Database;
  }
  const dump = await readFile(inject('templateDump'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return wrapPglite(pglite);
}
