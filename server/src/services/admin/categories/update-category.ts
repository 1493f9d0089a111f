import { type Category, UpdateCategoryInput } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import { categories } from '../../../db/schema.ts';
import { conflict, notFound } from '../../../domain/app-error.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { isUuid } from '../list-helpers.ts';
import { toCategory } from './category-view.ts';

/**
 * Renames, reorders or (de)activates a category. Tickets keep a deactivated category; new tickets cannot choose it.
 * One category stays active, because a ticket opened without one gets the first active category.
 */
export async function updateCategory({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Category> {
  requirePermission(ctx, 'reference:write');
  const data = parseInput(UpdateCategoryInput, input);
  if (!isUuid(id)) throw notFound('Category not found');
  const categoryId = id.toLowerCase();
  return ctx.db.transaction(async (tx) => {
    if (data.isActive === false) {
      // Locking every active category, always in id order, serialises concurrent deactivations without
      // deadlocks: the second one sees the first one's result.
      const active = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.isActive, true))
        .orderBy(asc(categories.id))
        .for('update');
      if (active.some((c) => c.id === categoryId) && !active.some((c) => c.id !== categoryId)) {
        throw conflict('At least one category must stay active');
      }
    }
    const set = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.translations !== undefined ? { translations: data.translations } : {}),
      ...(data.position !== undefined ? { position: data.position } : {}),
      ...(data.isActive !== undefined ? { isActive: data.isActive } : {}),
    };
    const [row] =
      Object.keys(set).length > 0
        ? await tx.update(categories).set(set).where(eq(categories.id, categoryId)).returning()
        : await tx.select().from(categories).where(eq(categories.id, categoryId));
    if (!row) throw notFound('Category not found');
    return toCategory(row);
  });
}
