import type { TicketLink, TicketLinkList } from '@loket/contract';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { categories, ticketLinks, tickets } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { PersonActor, ServiceContext } from '../context.ts';
import { getTicketRowForActor, ticketScope } from '../shared/ticket-view.ts';

/**
 * The links of a ticket, each seen from this ticket: outgoing when it is the source. A customer sees only links
 * to tickets they may open themselves — a change request or a parent may belong to someone else.
 */
export async function listTicketLinks({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<TicketLinkList> {
  const actor = requirePermission(ctx, 'ticket:read');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  return { items: await loadLinks(ctx.db, actor, ticket.id) };
}

export async function loadLinks(
  tx: Executor,
  actor: PersonActor,
  ticketId: string,
  linkId?: string,
): Promise<TicketLink[]> {
  const otherId = sql`CASE WHEN ${ticketLinks.sourceTicketId} = ${ticketId} THEN ${ticketLinks.targetTicketId} ELSE ${ticketLinks.sourceTicketId} END`;
  const rows = await tx
    .select({ link: ticketLinks, other: tickets, categoryKey: categories.key })
    .from(ticketLinks)
    .innerJoin(tickets, eq(tickets.id, otherId))
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(
      and(
        or(eq(ticketLinks.sourceTicketId, ticketId), eq(ticketLinks.targetTicketId, ticketId)),
        linkId ? eq(ticketLinks.id, linkId) : undefined,
        ticketScope(actor),
      ),
    )
    .orderBy(asc(ticketLinks.createdAt), asc(ticketLinks.id));
  return rows.map(({ link, other, categoryKey }) => ({
    id: link.id as TicketLink['id'],
    kind: link.kind,
    direction: link.sourceTicketId === ticketId ? 'outgoing' : 'incoming',
    ticket: {
      id: other.id as TicketLink['ticket']['id'],
      reference: other.reference,
      subject: other.subject,
      statusKind: other.statusKind,
      category: categoryKey,
    },
    createdAt: link.createdAt.toISOString(),
  }));
}
