import { ListOrganisationsQuery, type Organisation } from '@loket/contract';
import { and, asc, eq, exists, ilike, or } from 'drizzle-orm';
import { organisationDomains, organisations } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { afterCursor, containsPattern, splitPage } from '../list-helpers.ts';
import { organisationScope, withDomains } from './organisation-view.ts';

/** Organisations by name, a page at a time: agents see all (`q` matches name or domain), customers their own. */
export async function listOrganisations({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: unknown;
}): Promise<{ items: Organisation[]; nextCursor: string | null }> {
  const actor = requirePermission(ctx, 'organisation:read');
  const q = parseInput(ListOrganisationsQuery, query);
  const text = q.q ? containsPattern(q.q) : undefined;
  const rows = await ctx.db
    .select()
    .from(organisations)
    .where(
      and(
        organisationScope(actor),
        text
          ? or(
              ilike(organisations.name, text),
              exists(
                ctx.db
                  .select({ one: organisationDomains.domain })
                  .from(organisationDomains)
                  .where(
                    and(
                      eq(organisationDomains.organisationId, organisations.id),
                      ilike(organisationDomains.domain, text),
                    ),
                  ),
              ),
            )
          : undefined,
        afterCursor(q.cursor, organisations.name, organisations.id),
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(q.limit + 1);
  const page = splitPage(rows, q.limit, (row) => ({ v: row.name, id: row.id }));
  return { items: await withDomains(ctx.db, page.rows), nextCursor: page.nextCursor };
}
