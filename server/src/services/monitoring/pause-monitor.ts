import type { Monitor } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { monitors } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getMonitorRow } from './monitor-rules.ts';
import { monitorWithUptime } from './monitor-view.ts';

/**
 * An administrator pauses a monitor (maintenance, say): no more checks, results of a check already running are
 * ignored. An open incident ticket stays open; resuming starts again from pending.
 */
export async function pauseMonitor({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Monitor> {
  requirePermission(ctx, 'monitor:write');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const current = await getMonitorRow(tx, id, true);
    if (current.state === 'paused') throw conflict('The monitor is already paused');
    const [updated] = await tx
      .update(monitors)
      .set({ state: 'paused', nextCheckAt: null, stateChangedAt: now, updatedAt: now })
      .where(eq(monitors.id, current.id))
      .returning();
    return updated!;
  });
  return monitorWithUptime(ctx.db, row, now, ctx.actor);
}
