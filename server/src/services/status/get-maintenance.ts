import type { Maintenance } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadMaintenance } from './maintenance-view.ts';

export async function getMaintenance({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Maintenance> {
  requirePermission(ctx, 'status:write');
  return loadMaintenance(ctx.db, id);
}
