import { BREACHING_SOON_MINUTES, TicketCountsQuery, type TicketCounts } from '@loket/contract';
import { and, sql } from 'drizzle-orm';
import { tickets } from '../../db/schema.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { ticketScope } from '../shared/ticket-view.ts';
import { isOpenTicket, viewCondition } from './list-tickets.ts';

/**
 * How many tickets each of the console's views holds for the caller, in one query (one scan of the caller's
 * tickets with a filtered count per view). The views are the same conditions GET /tickets?view= applies, so a count
 * always matches its list. Customers count within their own tickets and get no agent-only counts.
 */
export async function countTickets({ ctx, query }: { ctx: ServiceContext; query: unknown }): Promise<TicketCounts> {
  const actor = requirePermission(ctx, 'ticket:read');
  const q = parseInput(TicketCountsQuery, query);
  const agent = isAgent(actor);
  const count = (condition: ReturnType<typeof viewCondition>) => sql<number>`count(*) FILTER (WHERE ${condition})::int`;
  const [row] = await ctx.db
    .select({
      mine: agent ? count(viewCondition(ctx, actor, 'mine')) : sql<null>`NULL`,
      myGroupsUnassigned: agent ? count(viewCondition(ctx, actor, 'my_groups_unassigned')) : sql<null>`NULL`,
      open: count(viewCondition(ctx, actor, 'open')),
      breachingSoon: count(viewCondition(ctx, actor, 'breaching_soon', q.dueWithinMinutes ?? BREACHING_SOON_MINUTES)),
      waitingCustomer: count(viewCondition(ctx, actor, 'waiting_customer')),
    })
    .from(tickets)
    // Every view is a subset of the open tickets: the resolved and closed (most of a desk's history) are never read.
    .where(and(ticketScope(actor), isOpenTicket));
  return {
    mine: row?.mine === null || row?.mine === undefined ? null : Number(row.mine),
    myGroupsUnassigned:
      row?.myGroupsUnassigned === null || row?.myGroupsUnassigned === undefined ? null : Number(row.myGroupsUnassigned),
    open: Number(row?.open ?? 0),
    breachingSoon: Number(row?.breachingSoon ?? 0),
    waitingCustomer: Number(row?.waitingCustomer ?? 0),
  };
}
