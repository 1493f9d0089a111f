import { type Organisation, UpdateOrganisationInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { organisations } from '../../../db/schema.ts';
import { forbidden, invalid, notFound } from '../../../domain/app-error.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { isUuid } from '../list-helpers.ts';
import { DOMAIN_CONFLICTS, loadOrganisationForActor, replaceDomains } from './organisation-view.ts';

/**
 * Renames, re-languages, (de)activates an organisation or replaces its domains. A deactivated organisation's
 * people can no longer log in, and their sessions and tokens stop working at once (authenticate checks it).
 */
export async function updateOrganisation({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Organisation> {
  const actor = requirePermission(ctx, 'organisation:write');
  const data = parseInput(UpdateOrganisationInput, input);
  if (!isUuid(id)) throw notFound('Organisation not found');
  const organisationId = id.toLowerCase();
  // Deactivating your own organisation would lock you (and every other admin) out.
  if (data.isActive === false && organisationId === actor.organisationId) {
    throw forbidden('You cannot deactivate your own organisation');
  }
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [current] = await tx
          .select({ kind: organisations.kind })
          .from(organisations)
          .where(eq(organisations.id, organisationId))
          .for('update');
        if (!current) throw notFound('Organisation not found');
        // Its contacts are exactly the senders no domain matched; a domain would make it match some.
        if (current.kind === 'unmatched' && data.domains?.length) {
          throw invalid('The organisation for unmatched senders cannot own domains');
        }
        await tx
          .update(organisations)
          .set({
            ...(data.name !== undefined ? { name: data.name } : {}),
            ...(data.language !== undefined ? { language: data.language } : {}),
            ...(data.isActive !== undefined ? { isActive: data.isActive } : {}),
            updatedAt: ctx.clock.now(),
          })
          .where(eq(organisations.id, organisationId));
        if (data.domains !== undefined) await replaceDomains(tx, organisationId, data.domains);
        return loadOrganisationForActor(tx, actor, organisationId);
      }),
    DOMAIN_CONFLICTS,
  );
}
