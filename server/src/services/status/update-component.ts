import { type Component, UpdateComponentInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { statusComponents } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { groupIdByName, loadComponent } from './component-view.ts';
import { setComponentState } from './set-component-state.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** Renames, regroups (a group by name; null for none), describes, shows or hides a component, or sets its state. */
export async function updateComponent({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Component> {
  const actor = requirePermission(ctx, 'status:write');
  const data = parseInput(UpdateComponentInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadComponent(tx, id);
    const set = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.description !== undefined ? { description: data.description || null } : {}),
      ...(data.isPublic !== undefined ? { isPublic: data.isPublic } : {}),
      ...(data.position !== undefined ? { position: data.position } : {}),
      ...(data.group !== undefined ? { groupId: data.group ? await groupIdByName(tx, data.group, now) : null } : {}),
    };
    if (Object.keys(set).length > 0) {
      await tx
        .update(statusComponents)
        .set({ ...set, updatedAt: now })
        .where(eq(statusComponents.id, current.id));
    }
    if (data.state !== undefined) {
      await setComponentState(tx, {
        componentId: current.id,
        state: data.state,
        at: now,
        reason: `set by ${actor.name}`,
      });
    }
    await bumpStatusPage(tx, now);
    return loadComponent(tx, current.id);
  });
}
