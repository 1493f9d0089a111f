import { eq } from 'drizzle-orm';
import { statusComponentGroups } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/cursor.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** Removes a group; its components stay, ungrouped. */
export async function deleteComponentGroup({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'status:write');
  if (!isUuid(id)) throw notFound('Component group not found');
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(statusComponentGroups)
      .where(eq(statusComponentGroups.id, id.toLowerCase()))
      .returning();
    if (removed.length === 0) throw notFound('Component group not found');
    await bumpStatusPage(tx, ctx.clock.now());
  });
}
