import { type SavedFilter, SavedFilterQuery } from '@loket/contract';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type SavedFilterRow, savedFilters } from '../../db/schema.ts';
import { AppError, notFound } from '../../domain/app-error.ts';
import type { PersonActor } from '../context.ts';
import { isUuid } from '../shared/ids.ts';

export const toSavedFilter = (row: SavedFilterRow): SavedFilter => ({
  id: row.id as SavedFilter['id'],
  name: row.name,
  query: row.query,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** A filter's query must be one GET /tickets accepts: checked when it is saved, so a saved filter always runs. */
export function checkFilterQuery(query: Record<string, string | string[]>): Record<string, string | string[]> {
  const result = SavedFilterQuery.safeParse(query);
  if (result.success) return query;
  throw new AppError(
    'invalid',
    'The filter is not a valid ticket query',
    result.error.issues.map((i) => ({ path: ['query', ...i.path].join('.'), message: i.message })),
  );
}

export const SAVED_FILTER_NAME_TAKEN = { saved_filters_person_name_key: 'You already have a filter with this name' };

/** One of the caller's own filters; anybody else's is not found, like a missing one. */
export async function getOwnSavedFilter(tx: Executor, actor: PersonActor, id: string, lock = false) {
  if (!isUuid(id)) throw notFound('Saved filter not found');
  const query = tx
    .select()
    .from(savedFilters)
    .where(and(eq(savedFilters.id, id.toLowerCase()), eq(savedFilters.personId, actor.personId)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Saved filter not found');
  return row;
}
