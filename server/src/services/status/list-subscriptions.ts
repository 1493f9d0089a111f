import type { SubscriptionList } from '@loket/contract';
import { desc } from 'drizzle-orm';
import { statusSubscriptions } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { subscriptionView } from './subscription-view.ts';

/** Subscribers, newest first (up to 1000): admins only, as they are people's addresses. */
export async function listSubscriptions({ ctx }: { ctx: ServiceContext }): Promise<SubscriptionList> {
  requirePermission(ctx, 'status:settings');
  const rows = await ctx.db.select().from(statusSubscriptions).orderBy(desc(statusSubscriptions.createdAt)).limit(1000);
  return { items: rows.map(subscriptionView) };
}
