import { type Category, CreateCategoryInput } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { categories } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { KEY_CONFLICT, toCategory } from './category-view.ts';

/** A new category; without a position it goes last. Keys are unique and never change. */
export async function createCategory({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Category> {
  requirePermission(ctx, 'reference:write');
  const data = parseInput(CreateCategoryInput, input);
  return conflictOnUniqueViolation(async () => {
    const [row] = await ctx.db
      .insert(categories)
      .values({
        key: data.key,
        name: data.name,
        translations: data.translations,
        position: data.position ?? sql`(SELECT coalesce(max(${categories.position}), 0) + 10 FROM ${categories})`,
      })
      .returning();
    return toCategory(row!);
  }, KEY_CONFLICT(data.key));
}
