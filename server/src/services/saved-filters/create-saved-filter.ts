import { CreateSavedFilterInput, type SavedFilter } from '@loket/contract';
import { savedFilters } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { SAVED_FILTER_NAME_TAKEN, checkFilterQuery, toSavedFilter } from './saved-filter-view.ts';

/** Saves a named ticket filter for the caller; names are unique per person, case-insensitively. */
export async function createSavedFilter({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<SavedFilter> {
  const actor = requirePermission(ctx, 'ticket:read');
  const data = parseInput(CreateSavedFilterInput, input);
  const query = checkFilterQuery(data.query);
  const now = ctx.clock.now();
  const [row] = await conflictOnUniqueViolation(
    () =>
      ctx.db
        .insert(savedFilters)
        .values({ personId: actor.personId, name: data.name, query, createdAt: now, updatedAt: now })
        .returning(),
    SAVED_FILTER_NAME_TAKEN,
  );
  return toSavedFilter(row!);
}
