import type { Group } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { groups } from '../../../db/schema.ts';
import { notFound } from '../../../domain/app-error.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { isUuid } from '../list-helpers.ts';
import { loadGroups } from './group-view.ts';

export async function getGroup({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Group> {
  requirePermission(ctx, 'group:read');
  return loadGroup(ctx.db, id);
}

export async function loadGroup(tx: Executor, id: string): Promise<Group> {
  if (!isUuid(id)) throw notFound('Group not found');
  const [group] = await loadGroups(tx, eq(groups.id, id.toLowerCase()));
  if (!group) throw notFound('Group not found');
  return group;
}
