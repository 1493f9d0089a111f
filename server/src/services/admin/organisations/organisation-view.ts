import type { Organisation } from '@loket/contract';
import { type SQL, and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { organisationDomains, organisations } from '../../../db/schema.ts';
import { conflict, notFound } from '../../../domain/app-error.ts';
import { isAgent } from '../../authorize.ts';
import type { PersonActor } from '../../context.ts';
import { isUuid } from '../list-helpers.ts';

type OrganisationRow = typeof organisations.$inferSelect;

/** Which organisations a person may see: agents all, customers their own. */
export function organisationScope(actor: PersonActor): SQL | undefined {
  return isAgent(actor) ? undefined : eq(organisations.id, actor.organisationId);
}

/** The rows as the contract shows them, with their domains (one query for the lot). */
export async function withDomains(tx: Executor, rows: OrganisationRow[]): Promise<Organisation[]> {
  if (rows.length === 0) return [];
  const domains = await tx
    .select()
    .from(organisationDomains)
    .where(
      inArray(
        organisationDomains.organisationId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(organisationDomains.domain));
  return rows.map((row) => ({
    id: row.id as Organisation['id'],
    name: row.name,
    kind: row.kind,
    domains: domains.filter((d) => d.organisationId === row.id).map((d) => d.domain),
    language: row.language,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** One organisation if this person may see it; `not_found` otherwise — the same for missing and foreign. */
export async function loadOrganisationForActor(tx: Executor, actor: PersonActor, id: string): Promise<Organisation> {
  if (!isUuid(id)) throw notFound('Organisation not found');
  const rows = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id.toLowerCase()), organisationScope(actor)))
    .limit(1);
  const [organisation] = await withDomains(tx, rows);
  if (!organisation) throw notFound('Organisation not found');
  return organisation;
}

/**
 * Gives an organisation exactly these domains. A domain of another organisation is a `conflict`, named in the
 * message; the primary key on the domain settles a race between two admins (see conflictOnUniqueViolation).
 */
export async function replaceDomains(tx: Executor, organisationId: string, domains: string[]): Promise<void> {
  const wanted = [...new Set(domains)];
  if (wanted.length > 0) {
    const [taken] = await tx
      .select({ domain: organisationDomains.domain, owner: organisations.name })
      .from(organisationDomains)
      .innerJoin(organisations, eq(organisations.id, organisationDomains.organisationId))
      .where(and(inArray(organisationDomains.domain, wanted), ne(organisationDomains.organisationId, organisationId)))
      .limit(1);
    if (taken) throw conflict(`${taken.domain} already belongs to ${taken.owner}`);
  }
  await tx.delete(organisationDomains).where(eq(organisationDomains.organisationId, organisationId));
  if (wanted.length > 0) {
    await tx.insert(organisationDomains).values(wanted.map((domain) => ({ domain, organisationId })));
  }
}

/** The message for the domain primary key, when a race slips past the check in replaceDomains. */
export const DOMAIN_CONFLICTS = { organisation_domains_pkey: 'A domain already belongs to another organisation' };
