import {
  AGENT_ONLY_TICKET_VIEWS,
  BREACHING_SOON_MINUTES,
  ListTicketsQuery,
  defaultTicketSort,
  type Ticket,
  type TicketView,
} from '@loket/contract';
import {
  type SQL,
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import { type TicketRow, articles, categories, groupMembers, statuses, tickets } from '../../db/schema.ts';
import { forbidden } from '../../domain/app-error.ts';
import { looksLikeReference } from '../../domain/tickets/reference.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { PersonActor, ServiceContext } from '../context.ts';
import { decodeCursor, encodeCursor, isUuid } from '../shared/cursor.ts';
import { loadTicketViews, ticketScope } from '../shared/ticket-view.ts';

/** Tickets without an SLA deadline sort after every real one (keyset pagination needs a value to compare). */
const NO_DEADLINE = '9999-12-31T00:00:00.000Z';
const nextDeadline = sql<Date>`coalesce(${tickets.nextDeadlineAt}, ${NO_DEADLINE}::timestamptz)`;
const slaDue = sql<Date>`coalesce(${tickets.slaDueAt}, ${NO_DEADLINE}::timestamptz)`;
/** The sorts on an SLA instant, with the key each one's cursor takes its value from. */
const DEADLINE_SORTS = new Map<SQL<Date>, 'nextDeadlineAt' | 'slaDueAt'>([
  [nextDeadline, 'nextDeadlineAt'],
  [slaDue, 'slaDueAt'],
]);

const SORTS = {
  updatedAt: tickets.updatedAt,
  createdAt: tickets.createdAt,
  priority: tickets.priority,
  nextDeadlineAt: nextDeadline,
  dueAt: slaDue,
} as const;

const DONE_KINDS = ['resolved', 'closed'] as const;
/** Not resolved or closed: what "open" means in the console's views. */
export const isOpenTicket = notInArray(tickets.statusKind, [...DONE_KINDS]);

/** Open tickets whose next SLA deadline (a warning or a due) comes within the window. */
export const deadlineWithin = (now: Date, minutes: number): SQL =>
  and(
    isOpenTicket,
    isNotNull(tickets.nextDeadlineAt),
    lte(tickets.nextDeadlineAt, new Date(now.getTime() + minutes * 60_000)),
  )!;

/** The groups this person belongs to, as a subquery. */
const myGroups = (actor: PersonActor) =>
  sql`(SELECT ${groupMembers.groupId} FROM ${groupMembers} WHERE ${groupMembers.personId} = ${actor.personId})`;

/** The condition of one of the console's views (see TicketView in the contract). */
export function viewCondition(ctx: ServiceContext, actor: PersonActor, view: TicketView, dueWithinMinutes?: number) {
  if (AGENT_ONLY_TICKET_VIEWS.includes(view) && !isAgent(actor)) throw forbidden('This view is for agents');
  switch (view) {
    case 'mine':
      return and(isOpenTicket, eq(tickets.assigneeId, actor.personId));
    case 'my_groups_unassigned':
      return and(isOpenTicket, isNull(tickets.assigneeId), sql`${tickets.groupId} IN ${myGroups(actor)}`);
    case 'open':
      return isOpenTicket;
    case 'breaching_soon':
      return deadlineWithin(ctx.clock.now(), dueWithinMinutes ?? BREACHING_SOON_MINUTES);
    case 'waiting_customer':
      return eq(tickets.statusKind, 'waiting_customer');
  }
}

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
  if (q.view) where.push(viewCondition(ctx, actor, q.view, q.dueWithinMinutes));
  if (q.dueWithinMinutes && q.view !== 'breaching_soon') {
    where.push(deadlineWithin(ctx.clock.now(), q.dueWithinMinutes));
  }
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

  const sort = q.sort ?? defaultTicketSort(q.view);
  const descending = sort.startsWith('-');
  const column = SORTS[sort.replace('-', '') as keyof typeof SORTS];
  if (q.cursor) {
    const c = decodeCursor(q.cursor, isCursorValue);
    // Priorities compare as text; the deadline expressions take the instant as text, the columns as a Date.
    const value = column === tickets.priority || DEADLINE_SORTS.has(column as SQL<Date>) ? c.v : new Date(c.v);
    const beyond = descending ? lt : gt;
    // One overload for columns and the deadline expression alike: a plain SQL left side binds the value as given.
    const key = column as typeof tickets.updatedAt;
    where.push(or(beyond(key, value as never), and(eq(key, value as never), beyond(tickets.id, c.id))));
  }
  const order = descending ? [desc(column), desc(tickets.id)] : [asc(column), asc(tickets.id)];
  // Two steps: the page's ids from the tickets table alone (a cheap plan that walks one index), then the page
  // itself through the prepared view. One wide join planned afresh for every list was most of a list's cost.
  const keys = await ctx.db
    .select({
      id: tickets.id,
      priority: tickets.priority,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      nextDeadlineAt: tickets.nextDeadlineAt,
      slaDueAt: tickets.slaDueAt,
    })
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
  const nextCursor = keys.length > q.limit && last ? encodeCursor({ v: cursorValue(column, last), id: last.id }) : null;
  return { items: views, nextCursor };
}

type SortKeys = Pick<TicketRow, 'priority' | 'createdAt' | 'updatedAt' | 'nextDeadlineAt' | 'slaDueAt'>;

/** The value of the sorted column on the page's last ticket, as the next page's cursor carries it. */
function cursorValue(column: (typeof SORTS)[keyof typeof SORTS], last: SortKeys): string {
  if (column === tickets.priority) return last.priority;
  const deadline = DEADLINE_SORTS.get(column as SQL<Date>);
  if (deadline) return last[deadline]?.toISOString() ?? NO_DEADLINE;
  return (column === tickets.createdAt ? last.createdAt : last.updatedAt).toISOString();
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
