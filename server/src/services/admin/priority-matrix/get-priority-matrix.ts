import type { PriorityMatrix } from '@loket/contract';
import type { Executor } from '../../../db/client.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadPriorityMatrix } from '../../shared/reference-lookup.ts';

const LEVEL_ORDER = { high: 0, normal: 1, low: 2 } as const;

/** The default urgency × impact → priority matrix, high urgency first, then high impact first. */
export async function getPriorityMatrix({ ctx }: { ctx: ServiceContext }): Promise<PriorityMatrix> {
  requirePermission(ctx, 'reference:read');
  return loadMatrix(ctx.db);
}

export async function loadMatrix(tx: Executor): Promise<PriorityMatrix> {
  const cells = await loadPriorityMatrix(tx);
  cells.sort(
    (a, b) => LEVEL_ORDER[a.urgency] - LEVEL_ORDER[b.urgency] || LEVEL_ORDER[a.impact] - LEVEL_ORDER[b.impact],
  );
  return { cells: cells.map(({ urgency, impact, priority }) => ({ urgency, impact, priority })) };
}
