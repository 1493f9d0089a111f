import type { StatusList } from '@loket/contract';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadStatuses } from './status-view.ts';

/**
 * Every status with its allowed transitions, inactive ones included: tickets may still carry them, and a
 * customer's view of such a ticket names its status.
 */
export async function listStatuses({ ctx }: { ctx: ServiceContext }): Promise<StatusList> {
  requirePermission(ctx, 'reference:read');
  return { items: await loadStatuses(ctx.db) };
}
