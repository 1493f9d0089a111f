import type { MaintenanceList } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadMaintenances } from './maintenance-view.ts';

/** Maintenance, latest window first (up to 200). Agents only. */
export async function listMaintenances({ ctx }: { ctx: ServiceContext }): Promise<MaintenanceList> {
  requirePermission(ctx, 'status:write');
  return { items: await loadMaintenances(ctx.db) };
}
