import { eq, inArray } from 'drizzle-orm';
import { contractVersions, contracts, tickets } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadContractRow } from './contract-view.ts';

/**
 * Deletes a contract entered by mistake, with its versions, as long as no ticket runs under any of them. A contract
 * that has measured tickets stays (409): end it by adding a version with other terms, or a new contract, instead.
 */
export async function deleteContract({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'contract:write');
  await ctx.db.transaction(async (tx) => {
    const contract = await loadContractRow(tx, id, true);
    const versions = tx
      .select({ id: contractVersions.id })
      .from(contractVersions)
      .where(eq(contractVersions.contractId, contract.id));
    const [used] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(inArray(tickets.contractVersionId, versions))
      .limit(1);
    if (used) throw conflict('Tickets run under this contract; it cannot be deleted');
    await tx.delete(contractVersions).where(eq(contractVersions.contractId, contract.id));
    await tx.delete(contracts).where(eq(contracts.id, contract.id));
  });
}
