import type { SavedFilterList } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import { savedFilters } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { toSavedFilter } from './saved-filter-view.ts';

/** The caller's own saved ticket filters, by name. */
export async function listSavedFilters({ ctx }: { ctx: ServiceContext }): Promise<SavedFilterList> {
  const actor = requirePermission(ctx, 'ticket:read');
  const rows = await ctx.db
    .select()
    .from(savedFilters)
    .where(eq(savedFilters.personId, actor.personId))
    .orderBy(asc(savedFilters.name), asc(savedFilters.id));
  return { items: rows.map(toSavedFilter) };
}
