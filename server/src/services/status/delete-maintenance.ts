import { eq } from 'drizzle-orm';
import { statusMaintenances } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadMaintenance } from './maintenance-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** Cancels maintenance that has not started (409 once it has: it is history then). */
export async function deleteMaintenance({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'status:write');
  await ctx.db.transaction(async (tx) => {
    const current = await loadMaintenance(tx, id);
    if (current.status !== 'scheduled') throw conflict('Maintenance that has started is kept');
    await tx.delete(statusMaintenances).where(eq(statusMaintenances.id, current.id));
    await bumpStatusPage(tx, ctx.clock.now());
  });
}
