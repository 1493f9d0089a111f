import type { ComponentGroupList } from '@loket/contract';
import { asc } from 'drizzle-orm';
import { statusComponentGroups } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { groupView } from './component-view.ts';

export async function listComponentGroups({ ctx }: { ctx: ServiceContext }): Promise<ComponentGroupList> {
  requirePermission(ctx, 'status:write');
  const rows = await ctx.db
    .select()
    .from(statusComponentGroups)
    .orderBy(asc(statusComponentGroups.position), asc(statusComponentGroups.name));
  return { items: rows.map(groupView) };
}
