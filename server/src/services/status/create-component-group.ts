import { type ComponentGroup, CreateComponentGroupInput } from '@loket/contract';
import { statusComponentGroups } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { GROUP_NAME_CONFLICT, groupView } from './component-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

export async function createComponentGroup({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ComponentGroup> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(CreateComponentGroupInput, input);
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(statusComponentGroups)
          .values({ name: data.name, position: data.position ?? 0, createdAt: ctx.clock.now() })
          .returning();
        await bumpStatusPage(tx, ctx.clock.now());
        return groupView(row!);
      }),
    GROUP_NAME_CONFLICT,
  );
}
