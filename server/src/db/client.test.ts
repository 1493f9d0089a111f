import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/create-test-db.ts';
import { type Database, openDatabase, preparedNameOf, queryRows, writeTogether } from './client.ts';

describe('preparedNameOf', () => {
  it('names a statement text only once it has repeated, and always by the same name', () => {
    const text = `SELECT $1::text AS probe_${randomUUID().replace(/-/g, '')}`;
    expect(preparedNameOf(text)).toBeUndefined();
    expect(preparedNameOf(text)).toBeUndefined();
    const name = preparedNameOf(text);
    expect(name).toMatch(/^lk_[A-Za-z0-9_-]{22}$/);
    expect(preparedNameOf(text)).toBe(name);
    expect(preparedNameOf(`${text} `)).toBeUndefined(); // another text is counted on its own
  });

  it('still prepares a repeating statement after thousands of one-off texts were counted', () => {
    for (let i = 0; i < 5000; i++) preparedNameOf(`SELECT $1::int AS one_off_${i}`);
    const text = `SELECT $1::text AS later_${randomUUID().replace(/-/g, '')}`;
    preparedNameOf(text);
    preparedNameOf(text);
    expect(preparedNameOf(text)).toMatch(/^lk_/);
  });

  it('gives different texts different names', () => {
    const names = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) {
      const text = `SELECT $1::int + ${i} AS probe_${randomUUID().replace(/-/g, '')}`;
      for (let run = 0; run < 3; run++) preparedNameOf(text);
      names.add(preparedNameOf(text));
    }
    expect(names.size).toBe(5);
    expect(names.has(undefined)).toBe(false);
  });
});

describe('statements on a PostgreSQL server', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(() => database.close());

  it('prepares a repeated parameterised statement on its connection and answers it the same', async (context) => {
    if (database.kind !== 'postgres') return context.skip(); // PGlite runs statements as they come
    const client = await database.pool.connect();
    try {
      const text = `SELECT $1::int * 2 AS doubled, '${randomUUID()}' AS marker`;
      const answers: number[] = [];
      for (let run = 1; run <= 5; run++) {
        answers.push((await client.query<{ doubled: number }>({ text, values: [run] })).rows[0]!.doubled);
      }
      expect(answers).toEqual([2, 4, 6, 8, 10]);
      const prepared = await client.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements WHERE statement = $1',
        [text],
      );
      expect(prepared.rows.map((r) => r.name)).toEqual([preparedNameOf(text)]);
    } finally {
      client.release();
    }
  });

  it('keeps a prepared statement usable after a value it could not send failed a transaction', async (context) => {
    if (database.kind !== 'postgres') return context.skip();
    // One connection, so the failed transaction's connection is the one that runs the statement again.
    const single = await openDatabase({ url: database.url, poolSize: 1 });
    try {
      const marker = randomUUID();
      const run = (value: unknown) =>
        single.db.transaction((tx) =>
          queryRows<{ v: unknown }>(tx, sql`SELECT ${JSON.stringify(value)}::jsonb AS v, ${marker}::text AS m`),
        );
      const runRaw = (value: unknown) =>
        single.db.transaction((tx) =>
          queryRows<{ v: unknown }>(tx, sql`SELECT ${value}::jsonb AS v, ${marker}::text AS m`),
        );
      for (let i = 0; i < 4; i++) expect((await run({ i }))[0]!.v).toEqual({ i });
      // A BigInt cannot be serialised: the query fails before it reaches the server, the transaction rolls back.
      await expect(runRaw({ big: 1n })).rejects.toThrow();
      for (let i = 0; i < 4; i++) expect((await runRaw({ i }))[0]!.v).toEqual({ i });
      expect((await run({ again: true }))[0]!.v).toEqual({ again: true });
    } finally {
      await single.close();
    }
  });

  it('runs writes to several tables as one statement, all or none', async () => {
    const table = `write_together_${randomUUID().replace(/-/g, '')}`;
    await database.db.execute(sql.raw(`CREATE TABLE ${table}_a (v text PRIMARY KEY)`));
    await database.db.execute(sql.raw(`CREATE TABLE ${table}_b (v text)`));
    const a = sql.raw(`${table}_a`);
    const b = sql.raw(`${table}_b`);
    const rows = async () => [
      (await queryRows<{ v: string }>(database.db, sql`SELECT v FROM ${a} ORDER BY v`)).map((r) => r.v),
      (await queryRows<{ v: string }>(database.db, sql`SELECT v FROM ${b} ORDER BY v`)).map((r) => r.v),
    ];
    await writeTogether(database.db, [
      sql`INSERT INTO ${a} VALUES (${'one'})`,
      sql`INSERT INTO ${b} VALUES (${'two'})`,
    ]);
    await writeTogether(database.db, [sql`UPDATE ${b} SET v = ${'three'}`]);
    await writeTogether(database.db, []);
    expect(await rows()).toEqual([['one'], ['three']]);
    // One fails (a duplicate key), so neither is written.
    await expect(
      writeTogether(database.db, [sql`INSERT INTO ${b} VALUES (${'four'})`, sql`INSERT INTO ${a} VALUES (${'one'})`]),
    ).rejects.toThrow();
    expect(await rows()).toEqual([['one'], ['three']]);
  });
});
