import type { ComponentList } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadComponents } from './component-view.ts';

/** Every component, public and private, by group and position (tens, not thousands: no pagination). Agents only. */
export async function listComponents({ ctx }: { ctx: ServiceContext }): Promise<ComponentList> {
  requirePermission(ctx, 'status:write');
  return { items: await loadComponents(ctx.db) };
}
