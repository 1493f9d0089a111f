import type { StatusPageSettings } from '@loket/contract';
import { statusPageSettings } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';

export async function loadStatusPageSettings(tx: Executor): Promise<StatusPageSettings> {
  const [row] = await tx.select().from(statusPageSettings);
  return {
    name: row?.name ?? 'Service status',
    webhookAllowedHosts: row?.webhookAllowedHosts ?? [],
    updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
  };
}

export async function getStatusPageSettings({ ctx }: { ctx: ServiceContext }): Promise<StatusPageSettings> {
  requirePermission(ctx, 'status:settings');
  return loadStatusPageSettings(ctx.db);
}
