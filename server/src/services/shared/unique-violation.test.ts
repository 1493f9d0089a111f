import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/create-test-db.ts';
import type { Database } from '../../db/client.ts';
import { categories, people } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import { conflictOnUniqueViolation, isUniqueViolation, uniqueViolation } from './unique-violation.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

/** The error the database driver in use throws for an INSERT breaking `categories_key_unique`. */
async function duplicateKeyError(): Promise<unknown> {
  try {
    await database.db.insert(categories).values({ key: 'incident', name: 'Again' });
  } catch (error) {
    return error;
  }
  throw new Error('expected the insert to fail');
}

describe('unique violations', () => {
  it('recognises the database’s own error and names the constraint', async () => {
    const error = await duplicateKeyError();
    expect(uniqueViolation(error)).toEqual({ constraint: 'categories_key_unique' });
    expect(isUniqueViolation(error, 'categories_key_unique')).toBe(true);
    expect(isUniqueViolation(error, 'groups_name_unique')).toBe(false);
  });

  it('recognises a node-postgres style error however deep drizzle wrapped it', () => {
    const driverError = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      constraint: 'people_email_key',
    });
    const wrapped = new Error('Failed query', { cause: new Error('outer', { cause: driverError }) });
    expect(uniqueViolation(wrapped)).toEqual({ constraint: 'people_email_key' });
  });

  it('leaves other database errors alone', async () => {
    let foreignKeyError: unknown;
    try {
      await database.db.insert(people).values({
        organisationId: '00000000-0000-4000-8000-000000000000',
        email: 'nobody@example.com',
        name: 'Nobody',
        role: 'contact',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    } catch (error) {
      foreignKeyError = error;
    }
    expect(foreignKeyError).toBeDefined();
    expect(uniqueViolation(foreignKeyError)).toBeUndefined();
    expect(uniqueViolation(new Error('boom'))).toBeUndefined();
    expect(uniqueViolation(undefined)).toBeUndefined();
  });

  it('turns a unique violation into a conflict named for its constraint, and rethrows anything else', async () => {
    const failing = conflictOnUniqueViolation(
      () => database.db.transaction((tx) => tx.insert(categories).values({ key: 'change', name: 'Again' })),
      { categories_key_unique: 'That key is taken' },
    );
    await expect(failing).rejects.toMatchObject({ code: 'conflict', message: 'That key is taken' });
    await expect(failing).rejects.toBeInstanceOf(AppError);

    const other = new Error('not a database error');
    await expect(conflictOnUniqueViolation(() => Promise.reject(other), {})).rejects.toBe(other);
    await expect(conflictOnUniqueViolation(async () => 42, {})).resolves.toBe(42);
  });
});
