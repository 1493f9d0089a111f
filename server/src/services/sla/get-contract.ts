import type { ContractWithVersions } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadContractRow, loadVersions, toContractWithVersions } from './contract-view.ts';

/** One contract with every version, newest first. */
export async function getContract({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<ContractWithVersions> {
  requirePermission(ctx, 'contract:read');
  const row = await loadContractRow(ctx.db, id);
  return toContractWithVersions(row, await loadVersions(ctx.db, [row.id]), ctx.clock.now());
}
