import { CreateGroupInput, type Group } from '@loket/contract';
import { groups } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { loadGroup } from './get-group.ts';
import { NAME_CONFLICT, assertActiveAgents, replaceMembers } from './group-view.ts';

/** A new group of agents, with an optional lead. Names are unique. */
export async function createGroup({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Group> {
  requirePermission(ctx, 'group:write');
  const data = parseInput(CreateGroupInput, input);
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        await assertActiveAgents(tx, data.memberIds, 'memberIds');
        if (data.leadId) await assertActiveAgents(tx, [data.leadId], 'leadId');
        const [row] = await tx
          .insert(groups)
          .values({
            name: data.name,
            description: data.description || null,
            leadId: data.leadId ?? null,
            createdAt: ctx.clock.now(),
          })
          .returning({ id: groups.id });
        await replaceMembers(tx, row!.id, data.memberIds);
        return loadGroup(tx, row!.id);
      }),
    NAME_CONFLICT,
  );
}
