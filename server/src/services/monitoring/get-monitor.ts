import type { MonitorDetail } from '@loket/contract';
import { desc, eq } from 'drizzle-orm';
import { monitorChecks } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getMonitorRow } from './monitor-rules.ts';
import { monitorWithUptime, toMonitorCheck } from './monitor-view.ts';

const RECENT_CHECKS = 50;

/** One monitor with its most recent checks and its uptime over 24 hours and 30 days. Agents and admins. */
export async function getMonitor({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<MonitorDetail> {
  requirePermission(ctx, 'monitor:read');
  const row = await getMonitorRow(ctx.db, id);
  const checks = await ctx.db
    .select()
    .from(monitorChecks)
    .where(eq(monitorChecks.monitorId, row.id))
    .orderBy(desc(monitorChecks.checkedAt), desc(monitorChecks.id))
    .limit(RECENT_CHECKS);
  return {
    ...(await monitorWithUptime(ctx.db, row, ctx.clock.now(), ctx.actor)),
    recentChecks: checks.map(toMonitorCheck),
  };
}
