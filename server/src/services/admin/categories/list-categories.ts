import type { CategoryList } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import { categories } from '../../../db/schema.ts';
import { isAgent, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { toCategory } from './category-view.ts';

/** Categories in their display order; customers only see the ones they can still choose. */
export async function listCategories({ ctx }: { ctx: ServiceContext }): Promise<CategoryList> {
  const actor = requirePermission(ctx, 'reference:read');
  const rows = await ctx.db
    .select()
    .from(categories)
    .where(isAgent(actor) ? undefined : eq(categories.isActive, true))
    .orderBy(asc(categories.position), asc(categories.key));
  return { items: rows.map(toCategory) };
}
