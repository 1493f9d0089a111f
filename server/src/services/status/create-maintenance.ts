import { CreateMaintenanceInput, type Maintenance } from '@loket/contract';
import { statusMaintenanceComponents, statusMaintenanceUpdates, statusMaintenances } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { assertComponents } from './component-view.ts';
import { loadMaintenance } from './maintenance-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** Schedules maintenance of components in a window; a published one is announced to subscribers. */
export async function createMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Maintenance> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(CreateMaintenanceInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const componentIds = [...new Set(data.componentIds)];
    await assertComponents(tx, componentIds);
    const [row] = await tx
      .insert(statusMaintenances)
      .values({
        name: data.name,
        body: data.body,
        status: 'scheduled',
        isPublished: data.publish,
        scheduledFor: new Date(data.scheduledFor),
        scheduledUntil: new Date(data.scheduledUntil),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: statusMaintenances.id });
    if (componentIds.length) {
      await tx
        .insert(statusMaintenanceComponents)
        .values(componentIds.map((componentId) => ({ maintenanceId: row!.id, componentId })));
    }
    const [update] = await tx
      .insert(statusMaintenanceUpdates)
      .values({ maintenanceId: row!.id, status: 'scheduled', body: data.body, createdAt: now })
      .returning({ id: statusMaintenanceUpdates.id });
    await bumpStatusPage(tx, now);
    if (data.publish) await enqueue(ctx, tx, 'status.notify', { maintenanceUpdateId: update!.id });
    return loadMaintenance(tx, row!.id);
  });
}
