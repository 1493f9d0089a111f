import { eq } from 'drizzle-orm';
import { monitors } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getMonitorRow } from './monitor-rules.ts';

/**
 * An administrator removes a monitor with its results and history. An open incident ticket and status incident stay
 * as they are, for agents to close: deleting a monitor is not evidence that the outage is over.
 */
export async function deleteMonitor({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'monitor:write');
  await ctx.db.transaction(async (tx) => {
    const row = await getMonitorRow(tx, id, true);
    await tx.delete(monitors).where(eq(monitors.id, row.id));
  });
}
