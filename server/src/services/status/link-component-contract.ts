import { type Component, ComponentContractInput } from '@loket/contract';
import { statusComponentContracts } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { assertContracts, loadComponent } from './component-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** The component serves the contract's organisation from now on: its customers see it on their status page. */
export async function linkComponentContract({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Component> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(ComponentContractInput, input);
  return ctx.db.transaction(async (tx) => {
    const component = await loadComponent(tx, id);
    await assertContracts(tx, [data.contractId]);
    await tx
      .insert(statusComponentContracts)
      .values({ componentId: component.id, contractId: data.contractId })
      .onConflictDoNothing();
    await bumpStatusPage(tx, ctx.clock.now());
    return loadComponent(tx, component.id);
  });
}
