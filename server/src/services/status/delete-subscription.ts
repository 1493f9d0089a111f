import { eq } from 'drizzle-orm';
import { statusSubscriptions } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/cursor.ts';

export async function deleteSubscription({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'status:settings');
  if (!isUuid(id)) throw notFound('Subscription not found');
  const removed = await ctx.db
    .delete(statusSubscriptions)
    .where(eq(statusSubscriptions.id, id.toLowerCase()))
    .returning({ id: statusSubscriptions.id });
  if (removed.length === 0) throw notFound('Subscription not found');
}
