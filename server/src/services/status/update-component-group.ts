import { type ComponentGroup, UpdateComponentGroupInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { statusComponentGroups } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/cursor.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { GROUP_NAME_CONFLICT, groupView } from './component-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

export async function updateComponentGroup({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<ComponentGroup> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(UpdateComponentGroupInput, input);
  if (!isUuid(id)) throw notFound('Component group not found');
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .update(statusComponentGroups)
          .set({
            ...(data.name !== undefined ? { name: data.name } : {}),
            ...(data.position !== undefined ? { position: data.position } : {}),
          })
          .where(eq(statusComponentGroups.id, id.toLowerCase()))
          .returning();
        if (!row) throw notFound('Component group not found');
        await bumpStatusPage(tx, ctx.clock.now());
        return groupView(row);
      }),
    GROUP_NAME_CONFLICT,
  );
}
