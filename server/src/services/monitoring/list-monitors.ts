import type { MonitorList } from '@loket/contract';
import { asc } from 'drizzle-orm';
import { monitors } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadUptime, toMonitor } from './monitor-view.ts';

/** Every monitor by name, with its state and uptime. Agents and admins. */
export async function listMonitors({ ctx }: { ctx: ServiceContext }): Promise<MonitorList> {
  requirePermission(ctx, 'monitor:read');
  const rows = await ctx.db.select().from(monitors).orderBy(asc(monitors.name));
  const uptime = await loadUptime(
    ctx.db,
    rows.map((r) => r.id),
    ctx.clock.now(),
  );
  return { items: rows.map((r) => toMonitor(r, uptime.get(r.id), ctx.actor)) };
}
