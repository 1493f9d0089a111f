import { and, eq } from 'drizzle-orm';
import { savedFilters } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/ids.ts';

/** Deletes one of the caller's filters; anybody else's is not found. */
export async function deleteSavedFilter({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  const actor = requirePermission(ctx, 'ticket:read');
  if (!isUuid(id)) throw notFound('Saved filter not found');
  const removed = await ctx.db
    .delete(savedFilters)
    .where(and(eq(savedFilters.id, id.toLowerCase()), eq(savedFilters.personId, actor.personId)))
    .returning({ id: savedFilters.id });
  if (removed.length === 0) throw notFound('Saved filter not found');
}
