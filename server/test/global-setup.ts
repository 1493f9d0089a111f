import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createBoss } from '../src/adapters/queue.ts';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { createQueues } from '../src/jobs/workers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDump: string;
    templateDatabase: string;
  }
}

/**
 * Migrate one template database once; every test file then opens its own copy (ENGINEERING.md §6: a fresh PGlite
 * plus migrations costs seconds, a copy a fraction of one). With TEST_DATABASE_URL the template is a real
 * PostgreSQL database and copies are made with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `loket_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const templateUrl = withDatabase(url, name);
    const database = await openDatabase({ url: templateUrl });
    await prepare(database);
    await database.close();
    project.provide('templateDatabase', name);
    project.provide('templateDump', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    };
  }
  const database = await openDatabase({});
  await prepare(database);
  if (database.kind !== 'pglite') throw new Error('expected PGlite');
  const dump = await database.pglite.dumpDataDir('none');
  await database.close();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-'));
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDump', file);
  project.provide('templateDatabase', '');
  return () => rm(dir, { recursive: true, force: true });
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>) {
  await migrateDatabase(database);
  // The job queue's own schema belongs in the template too, so each test file starts it in milliseconds.
  const boss = createBoss(database, { runWorkers: false });
  await boss.start();
  await createQueues(boss);
  // On PostgreSQL pg-boss owns a pool that must be closed, or the template stays busy and cannot be copied.
  await boss.stop({ graceful: false, close: database.kind === 'postgres' });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
