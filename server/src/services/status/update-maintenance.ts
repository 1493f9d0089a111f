import { type Maintenance, UpdateMaintenanceInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { statusMaintenanceComponents, statusMaintenances } from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { assertComponents } from './component-view.ts';
import { loadMaintenance } from './maintenance-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** Changes a maintenance's text, window, components or visibility; its status moves only by steps. */
export async function updateMaintenance({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Maintenance> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(UpdateMaintenanceInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadMaintenance(tx, id);
    const scheduledFor = data.scheduledFor ?? current.scheduledFor;
    const scheduledUntil = data.scheduledUntil ?? current.scheduledUntil;
    if (Date.parse(scheduledUntil) <= Date.parse(scheduledFor)) {
      throw invalid('The window ends before it starts', [
        { path: 'scheduledUntil', message: 'must be after scheduledFor' },
      ]);
    }
    await tx
      .update(statusMaintenances)
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.body !== undefined ? { body: data.body } : {}),
        ...(data.publish !== undefined ? { isPublished: data.publish } : {}),
        scheduledFor: new Date(scheduledFor),
        scheduledUntil: new Date(scheduledUntil),
        updatedAt: now,
      })
      .where(eq(statusMaintenances.id, current.id));
    if (data.componentIds) {
      const componentIds = [...new Set(data.componentIds)];
      await assertComponents(tx, componentIds);
      await tx.delete(statusMaintenanceComponents).where(eq(statusMaintenanceComponents.maintenanceId, current.id));
      if (componentIds.length) {
        await tx
          .insert(statusMaintenanceComponents)
          .values(componentIds.map((componentId) => ({ maintenanceId: current.id, componentId })));
      }
    }
    await bumpStatusPage(tx, now);
    return loadMaintenance(tx, current.id);
  });
}
