import type { Monitor } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { monitors } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import { nextCheckAfter } from '../../domain/monitoring/check-schedule.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getMonitorRow } from './monitor-rules.ts';
import { monitorWithUptime } from './monitor-view.ts';

/**
 * Resumes a paused monitor at its next slot. It comes back `down` when it still has an open incident ticket (so the
 * next successes resolve it and no second ticket opens), otherwise `pending`; the counters start again.
 */
export async function resumeMonitor({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Monitor> {
  requirePermission(ctx, 'monitor:write');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const current = await getMonitorRow(tx, id, true);
    if (current.state !== 'paused') throw conflict('The monitor is not paused');
    const [updated] = await tx
      .update(monitors)
      .set({
        state: current.openTicketId ? 'down' : 'pending',
        consecutiveFailures: 0,
        consecutiveSuccesses: 0,
        nextCheckAt: nextCheckAfter(now, current.intervalSeconds, current.phaseMs),
        stateChangedAt: now,
        updatedAt: now,
      })
      .where(eq(monitors.id, current.id))
      .returning();
    return updated!;
  });
  return monitorWithUptime(ctx.db, row, now, ctx.actor);
}
