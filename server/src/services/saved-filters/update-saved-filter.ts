import { type SavedFilter, UpdateSavedFilterInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { savedFilters } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { SAVED_FILTER_NAME_TAKEN, checkFilterQuery, getOwnSavedFilter, toSavedFilter } from './saved-filter-view.ts';

/** Renames one of the caller's filters and/or replaces its query. */
export async function updateSavedFilter({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<SavedFilter> {
  const actor = requirePermission(ctx, 'ticket:read');
  const existing = await getOwnSavedFilter(ctx.db, actor, id);
  const data = parseInput(UpdateSavedFilterInput, input);
  const [row] = await conflictOnUniqueViolation(
    () =>
      ctx.db
        .update(savedFilters)
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.query !== undefined ? { query: checkFilterQuery(data.query) } : {}),
          updatedAt: ctx.clock.now(),
        })
        .where(eq(savedFilters.id, existing.id))
        .returning(),
    SAVED_FILTER_NAME_TAKEN,
  );
  return toSavedFilter(row!);
}
