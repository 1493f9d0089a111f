import { type Contract, UpdateContractInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { contracts } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../admin/list-helpers.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { CONTRACT_CONFLICTS, loadVersions, toContract } from './contract-view.ts';

/** Renames a contract. Its terms change only by adding a version. */
export async function updateContract({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Contract> {
  requirePermission(ctx, 'contract:write');
  const data = parseInput(UpdateContractInput, input);
  if (!isUuid(id)) throw notFound('Contract not found');
  const now = ctx.clock.now();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .update(contracts)
          .set({ name: data.name, updatedAt: now })
          .where(eq(contracts.id, id.toLowerCase()))
          .returning();
        if (!row) throw notFound('Contract not found');
        return toContract(row, await loadVersions(tx, [row.id]), now);
      }),
    CONTRACT_CONFLICTS(data.name),
  );
}
