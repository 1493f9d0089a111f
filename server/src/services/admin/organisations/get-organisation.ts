import type { Organisation } from '@loket/contract';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadOrganisationForActor } from './organisation-view.ts';

/** One organisation: any for agents, their own for customers (another one is not found, like a missing one). */
export async function getOrganisation({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Organisation> {
  const actor = requirePermission(ctx, 'organisation:read');
  return loadOrganisationForActor(ctx.db, actor, id);
}
