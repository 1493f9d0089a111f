import type { TicketEvent, TicketHistory } from '@loket/contract';
import { and, asc, eq } from 'drizzle-orm';
import { people, ticketEvents } from '../../db/schema.ts';
import { isAgent, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';

/** What happened to a ticket, oldest first, and who did it. Customers never see internal events. */
export async function getTicketHistory({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<TicketHistory> {
  const actor = requirePermission(ctx, 'ticket:history');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  const rows = await ctx.db
    .select({ event: ticketEvents, actorName: people.name })
    .from(ticketEvents)
    .leftJoin(people, eq(people.id, ticketEvents.actorId))
    .where(and(eq(ticketEvents.ticketId, ticket.id), isAgent(actor) ? undefined : eq(ticketEvents.isInternal, false)))
    .orderBy(asc(ticketEvents.id));
  return {
    items: rows.map(({ event, actorName }) => ({
      id: String(event.id),
      kind: event.kind,
      actor: event.actorId
        ? { id: event.actorId as NonNullable<TicketEvent['actor']>['id'], name: actorName ?? '' }
        : null,
      changes: event.changes,
      data: event.data,
      createdAt: event.createdAt.toISOString(),
    })),
  };
}
