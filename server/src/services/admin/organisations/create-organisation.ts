import { CreateOrganisationInput, type Organisation } from '@loket/contract';
import { organisations } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { DOMAIN_CONFLICTS, loadOrganisationForActor, replaceDomains } from './organisation-view.ts';

/** A new customer organisation with the e-mail domains its people write from. */
export async function createOrganisation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<Organisation> {
  const actor = requirePermission(ctx, 'organisation:write');
  const data = parseInput(CreateOrganisationInput, input);
  const now = ctx.clock.now();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(organisations)
          .values({ name: data.name, kind: 'customer', language: data.language, createdAt: now, updatedAt: now })
          .returning({ id: organisations.id });
        await replaceDomains(tx, row!.id, data.domains);
        return loadOrganisationForActor(tx, actor, row!.id);
      }),
    DOMAIN_CONFLICTS,
  );
}
