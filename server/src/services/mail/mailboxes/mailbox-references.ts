import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { categories, groups } from '../../../db/schema.ts';
import { invalid } from '../../../domain/app-error.ts';

/** The category and group a mailbox files new tickets under must exist. */
export async function assertReferences(
  tx: Executor,
  data: { categoryId?: string | null; groupId?: string | null },
): Promise<void> {
  if (data.categoryId) {
    const [row] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, data.categoryId));
    if (!row) throw invalid('No such category', [{ path: 'categoryId', message: 'No such category' }]);
  }
  if (data.groupId) {
    const [row] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, data.groupId));
    if (!row) throw invalid('No such group', [{ path: 'groupId', message: 'No such group' }]);
  }
}
