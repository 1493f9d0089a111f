import { type PriorityMatrix, UpdatePriorityMatrixInput } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { priorityMatrix } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadMatrix } from './get-priority-matrix.ts';

/**
 * Replaces all nine cells of the default matrix at once. Existing tickets keep their priority: only tickets
 * opened or re-prioritised afterwards use the new matrix (contracts and SLA replays come later).
 */
export async function updatePriorityMatrix({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<PriorityMatrix> {
  requirePermission(ctx, 'reference:write');
  const data = parseInput(UpdatePriorityMatrixInput, input);
  return ctx.db.transaction(async (tx) => {
    await tx
      .insert(priorityMatrix)
      .values(data.cells)
      .onConflictDoUpdate({
        target: [priorityMatrix.urgency, priorityMatrix.impact],
        set: { priority: sql`excluded.priority` },
      });
    return loadMatrix(tx);
  });
}
