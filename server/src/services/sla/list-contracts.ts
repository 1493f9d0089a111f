import { type ContractList, ListContractsQuery } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import { contracts } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadVersions, toContract } from './contract-view.ts';

/** Every contract (or one organisation's), by name, each with the version in force now. */
export async function listContracts({ ctx, query }: { ctx: ServiceContext; query: unknown }): Promise<ContractList> {
  requirePermission(ctx, 'contract:read');
  const q = parseInput(ListContractsQuery, query);
  const rows = await ctx.db
    .select()
    .from(contracts)
    .where(q.organisationId ? eq(contracts.organisationId, q.organisationId.toLowerCase()) : undefined)
    .orderBy(asc(contracts.name), asc(contracts.id));
  const versions = await loadVersions(
    ctx.db,
    rows.map((r) => r.id),
  );
  const now = ctx.clock.now();
  return {
    items: rows.map((row) =>
      toContract(
        row,
        versions.filter((v) => v.contractId === row.id),
        now,
      ),
    ),
  };
}
