import type { GroupList } from '@loket/contract';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadGroups } from './group-view.ts';

/** Every group, by name. A desk has tens of groups, not thousands: no pagination. */
export async function listGroups({ ctx }: { ctx: ServiceContext }): Promise<GroupList> {
  requirePermission(ctx, 'group:read');
  return { items: await loadGroups(ctx.db) };
}
