import type { Incident } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadIncident } from './incident-view.ts';

export async function getIncident({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Incident> {
  requirePermission(ctx, 'status:write');
  return loadIncident(ctx.db, id);
}
