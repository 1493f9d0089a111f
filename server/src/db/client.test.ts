import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/create-test-db.ts';
import { type Database, preparedNameOf } from './client.ts';

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
      // BEGIN, COMMIT and other statements without parameters stay unnamed.
      await client.query('BEGIN');
      await client.query('COMMIT');
      const unnamed = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement ILIKE 'BEGIN%' OR statement ILIKE 'COMMIT%'",
      );
      expect(Number(unnamed.rows[0]!.n)).toBe(0);
    } finally {
      client.release();
    }
  });
});
