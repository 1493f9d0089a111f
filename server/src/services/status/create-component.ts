import { type Component, CreateComponentInput } from '@loket/contract';
import { statusComponentContracts, statusComponents } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { assertContracts, groupIdByName, loadComponent } from './component-view.ts';
import { setComponentState } from './set-component-state.ts';

/** A new component, in a group named (made when new), serving the contracts named; its first state interval opens. */
export async function createComponent({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Component> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(CreateComponentInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await assertContracts(tx, data.contractIds);
    const groupId = data.group ? await groupIdByName(tx, data.group, now) : null;
    const [row] = await tx
      .insert(statusComponents)
      .values({
        name: data.name,
        description: data.description || null,
        groupId,
        isPublic: data.isPublic,
        state: data.state,
        position: data.position ?? 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: statusComponents.id });
    if (data.contractIds.length) {
      await tx
        .insert(statusComponentContracts)
        .values([...new Set(data.contractIds)].map((contractId) => ({ componentId: row!.id, contractId })));
    }
    // No interval is open yet, so this opens the first one (and marks the page changed).
    await setComponentState(tx, { componentId: row!.id, state: data.state, at: now, reason: 'created' });
    return loadComponent(tx, row!.id);
  });
}
