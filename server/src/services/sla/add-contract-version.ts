import { ContractVersionInput, type ContractWithVersions } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { contracts } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import {
  CONTRACT_CONFLICTS,
  appendVersion,
  enqueueReplayAt,
  loadContractRow,
  loadVersions,
  toContractWithVersions,
} from './contract-view.ts';

/**
 * New terms for a contract from `effectiveFrom` (now unless stated), numbered after the latest version. Versions are
 * append-only and only move forward: taking effect before the latest version is a conflict. The contract row is
 * locked so concurrent additions number one after the other; the unique (contract, version) settles any race left.
 * When the version takes effect (at once, or by a job waiting for its instant), the organisation's open tickets move
 * to it and their clocks are replayed from their start under the new terms, each change of due recorded.
 */
export async function addContractVersion({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<ContractWithVersions> {
  requirePermission(ctx, 'contract:write');
  const data = parseInput(ContractVersionInput, input);
  const now = ctx.clock.now();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const contract = await loadContractRow(tx, id, true);
        const versions = await loadVersions(tx, [contract.id]);
        const added = await appendVersion(tx, { contractId: contract.id, versions, data, now, field: '' });
        await enqueueReplayAt(ctx, tx, contract.id, added.effectiveFrom);
        const [row] = await tx
          .update(contracts)
          .set({ updatedAt: now })
          .where(eq(contracts.id, contract.id))
          .returning();
        return toContractWithVersions(row!, [added, ...versions], now);
      }),
    CONTRACT_CONFLICTS(''),
  );
}
