import { ListPeopleQuery, type Person } from '@loket/contract';
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import { people } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { afterCursor, containsPattern, splitPage } from '../list-helpers.ts';
import { personScope, toPerson } from './person-view.ts';

/**
 * People by name, a page at a time, filtered by organisation, role and `q` (name or e-mail address).
 * Agents see everyone, a manager the people of their own organisation; contacts may not list people.
 */
export async function listPeople({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: unknown;
}): Promise<{ items: Person[]; nextCursor: string | null }> {
  const actor = requirePermission(ctx, 'person:read');
  const q = parseInput(ListPeopleQuery, query);
  const text = q.q ? containsPattern(q.q) : undefined;
  const rows = await ctx.db
    .select()
    .from(people)
    .where(
      and(
        personScope(actor),
        q.organisationId ? eq(people.organisationId, q.organisationId) : undefined,
        q.role ? eq(people.role, q.role) : undefined,
        text ? or(ilike(people.name, text), ilike(people.email, text)) : undefined,
        afterCursor(q.cursor, people.name, people.id),
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(q.limit + 1);
  const page = splitPage(rows, q.limit, (row) => ({ v: row.name, id: row.id }));
  return { items: page.rows.map(toPerson), nextCursor: page.nextCursor };
}
