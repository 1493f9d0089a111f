import { CreateStatusInput, type Status } from '@loket/contract';
import { eq, sql } from 'drizzle-orm';
import { statuses, statusTransitions } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { KEY_CONFLICT, assertStatuses, loadStatuses } from './status-view.ts';

/**
 * A new status of a kind it keeps for life, with the transitions into it (`transitionsFrom`) and out of it
 * (`transitionsTo`). Without a position it goes last.
 */
export async function createStatus({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Status> {
  requirePermission(ctx, 'reference:write');
  const data = parseInput(CreateStatusInput, input);
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const to = await assertStatuses(tx, data.transitionsTo, 'transitionsTo');
        const from = await assertStatuses(tx, data.transitionsFrom, 'transitionsFrom');
        const [row] = await tx
          .insert(statuses)
          .values({
            key: data.key,
            name: data.name,
            kind: data.kind,
            translations: data.translations,
            position: data.position ?? sql`(SELECT coalesce(max(${statuses.position}), 0) + 10 FROM ${statuses})`,
          })
          .returning({ id: statuses.id });
        const id = row!.id;
        const transitions = [
          ...to.map((toStatusId) => ({ fromStatusId: id, toStatusId })),
          ...from.map((fromStatusId) => ({ fromStatusId, toStatusId: id })),
        ];
        if (transitions.length > 0) await tx.insert(statusTransitions).values(transitions);
        const [status] = await loadStatuses(tx, eq(statuses.id, id));
        return status!;
      }),
    KEY_CONFLICT(data.key),
  );
}
