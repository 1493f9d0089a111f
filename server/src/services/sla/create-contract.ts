import { type ContractWithVersions, CreateContractInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { contracts, organisations } from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { CONTRACT_CONFLICTS, appendVersion, enqueueReplayAt, toContractWithVersions } from './contract-view.ts';

/**
 * A contract for an active customer organisation, with its first version (effective now unless stated). Names are
 * unique within an organisation. Open tickets of the organisation come under it once it takes effect.
 */
export async function createContract({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ContractWithVersions> {
  requirePermission(ctx, 'contract:write');
  const data = parseInput(CreateContractInput, input);
  const now = ctx.clock.now();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [organisation] = await tx
          .select({ kind: organisations.kind, isActive: organisations.isActive })
          .from(organisations)
          .where(eq(organisations.id, data.organisationId.toLowerCase()));
        if (!organisation || organisation.kind !== 'customer' || !organisation.isActive) {
          throw invalid('A contract belongs to an active customer organisation', [
            { path: 'organisationId', message: 'not an active customer organisation' },
          ]);
        }
        const [row] = await tx
          .insert(contracts)
          .values({ organisationId: data.organisationId, name: data.name, createdAt: now, updatedAt: now })
          .returning();
        const version = await appendVersion(tx, {
          contractId: row!.id,
          versions: [],
          data: data.version,
          now,
          field: 'version',
        });
        await enqueueReplayAt(ctx, tx, row!.id, version.effectiveFrom);
        return toContractWithVersions(row!, [version], now);
      }),
    CONTRACT_CONFLICTS(data.name),
  );
}
