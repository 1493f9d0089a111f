import { type Group, UpdateGroupInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { groups } from '../../../db/schema.ts';
import { notFound } from '../../../domain/app-error.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { isUuid } from '../list-helpers.ts';
import { loadGroup } from './get-group.ts';
import { NAME_CONFLICT, assertActiveAgents, replaceMembers } from './group-view.ts';

/** Renames a group, changes its lead, or replaces its members with exactly `memberIds`. */
export async function updateGroup({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Group> {
  requirePermission(ctx, 'group:write');
  const data = parseInput(UpdateGroupInput, input);
  if (!isUuid(id)) throw notFound('Group not found');
  const groupId = id.toLowerCase();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [current] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for('update');
        if (!current) throw notFound('Group not found');
        if (data.memberIds) await assertActiveAgents(tx, data.memberIds, 'memberIds');
        if (data.leadId) await assertActiveAgents(tx, [data.leadId], 'leadId');
        const set = {
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.description !== undefined ? { description: data.description || null } : {}),
          ...(data.leadId !== undefined ? { leadId: data.leadId } : {}),
        };
        if (Object.keys(set).length > 0) await tx.update(groups).set(set).where(eq(groups.id, groupId));
        if (data.memberIds) await replaceMembers(tx, groupId, data.memberIds);
        return loadGroup(tx, groupId);
      }),
    NAME_CONFLICT,
  );
}
