import { type Maintenance, MaintenanceStepInput, type MaintenanceStatus } from '@loket/contract';
import { and, eq } from 'drizzle-orm';
import { statusMaintenanceUpdates, statusMaintenances } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { loadMaintenance } from './maintenance-view.ts';
import { setComponentState } from './set-component-state.ts';
import { bumpStatusPage } from './status-page-version.ts';

const ORDER: MaintenanceStatus[] = ['scheduled', 'in_progress', 'verifying', 'completed'];

/**
 * Moves maintenance forward: in progress puts its components under maintenance (excluded from uptime), completed
 * returns them to operational. Steps only go forward (409 otherwise); the status is changed conditionally, so two
 * agents stepping at once cannot both win.
 */
export async function stepMaintenance({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Maintenance> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(MaintenanceStepInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadMaintenance(tx, id);
    if (ORDER.indexOf(data.status) <= ORDER.indexOf(current.status)) {
      throw conflict(`Maintenance is ${current.status}; it cannot go to ${data.status}`);
    }
    const [moved] = await tx
      .update(statusMaintenances)
      .set({
        status: data.status,
        updatedAt: now,
        ...(data.status !== 'scheduled' && !current.startedAt ? { startedAt: now } : {}),
        ...(data.status === 'completed' ? { completedAt: now } : {}),
      })
      .where(and(eq(statusMaintenances.id, current.id), eq(statusMaintenances.status, current.status)))
      .returning({ id: statusMaintenances.id });
    if (!moved) throw conflict('The maintenance changed meanwhile; reload it');
    const state =
      data.status === 'in_progress' ? 'under_maintenance' : data.status === 'completed' ? 'operational' : undefined;
    if (state) {
      for (const componentId of current.componentIds) {
        await setComponentState(tx, { componentId, state, at: now, reason: `maintenance ${current.id}` });
      }
    }
    const [update] = await tx
      .insert(statusMaintenanceUpdates)
      .values({ maintenanceId: current.id, status: data.status, body: data.body, createdAt: now })
      .returning({ id: statusMaintenanceUpdates.id });
    await bumpStatusPage(tx, now);
    if (current.isPublished) await enqueue(ctx, tx, 'status.notify', { maintenanceUpdateId: update!.id });
    return loadMaintenance(tx, current.id);
  });
}
