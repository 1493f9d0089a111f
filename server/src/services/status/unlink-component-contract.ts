import type { Component } from '@loket/contract';
import { and, eq } from 'drizzle-orm';
import { statusComponentContracts } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/cursor.ts';
import { loadComponent } from './component-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

export async function unlinkComponentContract({
  ctx,
  id,
  contractId,
}: {
  ctx: ServiceContext;
  id: string;
  contractId: string;
}): Promise<Component> {
  requirePermission(ctx, 'status:write');
  if (!isUuid(contractId)) throw notFound('Link not found');
  return ctx.db.transaction(async (tx) => {
    const component = await loadComponent(tx, id);
    const removed = await tx
      .delete(statusComponentContracts)
      .where(
        and(
          eq(statusComponentContracts.componentId, component.id),
          eq(statusComponentContracts.contractId, contractId.toLowerCase()),
        ),
      )
      .returning();
    if (removed.length === 0) throw notFound('Link not found');
    await bumpStatusPage(tx, ctx.clock.now());
    return loadComponent(tx, component.id);
  });
}
