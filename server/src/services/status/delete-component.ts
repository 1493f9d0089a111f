import { eq } from 'drizzle-orm';
import { statusComponents } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadComponent } from './component-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

/** Removes a component with its history; incidents and maintenance that named it keep their other components. */
export async function deleteComponent({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'status:write');
  await ctx.db.transaction(async (tx) => {
    const current = await loadComponent(tx, id);
    await tx.delete(statusComponents).where(eq(statusComponents.id, current.id));
    await bumpStatusPage(tx, ctx.clock.now());
  });
}
