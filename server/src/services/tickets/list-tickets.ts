import { ListTicketsQuery, type Ticket } from '@loket/contract';
import { type SQL, and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { articles, categories, statuses, tickets } from '../../db/schema.ts';
import { looksLikeReference } from '../../domain/tickets/reference.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, encodeCursor, isUuid } from '../shared/cursor.ts';
import { loadTicketViews, ticketScope } from '../shared/ticket-view.ts';

const SORTS = {
  updatedAt: tickets.updatedAt,
  createdAt: tickets.createdAt,
  priority: tickets.priority,
} as const;

const CURSOR_VALUE = /^(P[1-4]|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)$/;
const isCursorValue = (value: string) => CURSOR_VALUE.test(value);

/**
 * Tickets the caller may see, filtered and sorted, a page at a time. Keyset pagination on (sort value, id)
 * keeps every page one index range scan however deep the list goes.
 */
export async function listTickets({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: unknown;
}): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  const actor = requirePermission(ctx, 'ticket:read');
  const q = parseInput(ListTicketsQuery, query);
  const agent = isAgent(actor);
  const where: (SQL | undefined)[] = [ticketScope(actor)];

  if (q.status) where.push(inArray(tickets.statusId, namedBy(ctx, statuses, q.status)));
  if (q.category) where.push(inArray(tickets.categoryId, namedBy(ctx, categories, q.category)));
  if (q.statusKind) where.push(inArray(tickets.statusKind, q.statusKind));
  if (q.priority) where.push(inArray(tickets.priority, q.priority));
  if (q.channel) where.push(inArray(tickets.channel, q.channel));
  if (q.organisationId) where.push(eq(tickets.organisationId, q.organisationId));
  if (q.requesterId) where.push(eq(tickets.requesterId, q.requesterId));
  if (q.assigneeId === 'me') where.push(eq(tickets.assigneeId, actor.personId));
  else if (q.assigneeId === 'none') where.push(isNull(tickets.assigneeId));
  else if (q.assigneeId) where.push(eq(tickets.assigneeId, q.assigneeId));
  if (q.groupId === 'none') where.push(isNull(tickets.groupId));
  else if (q.groupId) where.push(eq(tickets.groupId, q.groupId));
  if (q.updatedSince) where.push(gte(tickets.updatedAt, new Date(q.updatedSince)));
  if (q.q) {
    const words = sql`plainto_tsquery('simple', ${q.q})`;
    // Customers never match on internal notes: that would reveal what the notes say.
    const inConversation = sql`EXISTS (SELECT 1 FROM ${articles} WHERE ${articles.ticketId} = ${tickets.id} AND ${articles.searchVector} @@ ${words}${agent ? sql`` : sql` AND ${articles.kind} = 'reply'`})`;
    where.push(
      or(
        looksLikeReference(q.q) ? eq(tickets.reference, q.q.toUpperCase()) : undefined,
        sql`${tickets.searchVector} @@ ${words}`,
        inConversation,
      ),
    );
  }

  const descending = q.sort.startsWith('-');
  const column = SORTS[q.sort.replace('-', '') as keyof typeof SORTS];
  if (q.cursor) {
    const c = decodeCursor(q.cursor, isCursorValue);
    const value = column === tickets.priority ? c.v : new Date(c.v);
    const beyond = descending ? lt : gt;
    where.push(or(beyond(column, value as never), and(eq(column, value as never), beyond(tickets.id, c.id))));
  }
  const order = descending ? [desc(column), desc(tickets.id)] : [asc(column), asc(tickets.id)];
  // Two steps: the page's ids from the tickets table alone (a cheap plan that walks one index), then the page
  // itself through the prepared view. One wide join planned afresh for every list was most of a list's cost.
  const keys = await ctx.db
    .select({ id: tickets.id, priority: tickets.priority, createdAt: tickets.createdAt, updatedAt: tickets.updatedAt })
    .from(tickets)
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);
  const page = keys.slice(0, q.limit);
  const views = await loadTicketViews(
    ctx.db,
    actor,
    page.map((k) => k.id),
  );
  const last = page.at(-1);
  const nextCursor =
    keys.length > q.limit && last
      ? encodeCursor({
          v:
            column === tickets.priority
              ? last.priority
              : (column === tickets.createdAt ? last.createdAt : last.updatedAt).toISOString(),
          id: last.id,
        })
      : null;
  return { items: views, nextCursor };
}

/** The ids of the statuses or categories a filter names, each by id or by key. */
function namedBy(ctx: ServiceContext, table: typeof statuses | typeof categories, values: string[]) {
  const ids = values.filter(isUuid);
  const keys = values.filter((v) => !isUuid(v));
  return ctx.db
    .select({ id: table.id })
    .from(table as typeof statuses)
    .where(or(ids.length ? inArray(table.id, ids) : undefined, keys.length ? inArray(table.key, keys) : undefined));
}
