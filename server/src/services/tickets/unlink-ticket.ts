import { and, eq, or } from 'drizzle-orm';
import { ticketLinks, tickets } from '../../db/schema.ts';
import { conflict, notFound } from '../../domain/app-error.ts';
import { isHistoricalLink } from '../../domain/tickets/links.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { isUuid } from '../shared/ids.ts';

/** Removes a link of this ticket. Merge and follow-up links record what happened and stay. */
export async function unlinkTicket({
  ctx,
  id,
  linkId,
}: {
  ctx: ServiceContext;
  id: string;
  linkId: string;
}): Promise<void> {
  const actor = requirePermission(ctx, 'ticket:link');
  await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    if (!isUuid(linkId)) throw notFound('Link not found');
    const [link] = await tx
      .select()
      .from(ticketLinks)
      .where(
        and(
          eq(ticketLinks.id, linkId.toLowerCase()),
          or(eq(ticketLinks.sourceTicketId, row.id), eq(ticketLinks.targetTicketId, row.id)),
        ),
      )
      .limit(1);
    if (!link) throw notFound('Link not found');
    if (isHistoricalLink(link.kind)) throw conflict(`A ${link.kind} link is part of the history and cannot be removed`);
    const deleted = await tx.delete(ticketLinks).where(eq(ticketLinks.id, link.id)).returning({ id: ticketLinks.id });
    if (deleted.length === 0) throw conflict('The link was removed meanwhile');
    const refs = await tx
      .select({ id: tickets.id, reference: tickets.reference })
      .from(tickets)
      .where(or(eq(tickets.id, link.sourceTicketId), eq(tickets.id, link.targetTicketId)));
    const referenceOf = new Map(refs.map((r) => [r.id, r.reference]));
    const data = {
      linkId: link.id,
      kind: link.kind,
      source: referenceOf.get(link.sourceTicketId),
      target: referenceOf.get(link.targetTicketId),
    };
    for (const ticketId of [link.sourceTicketId, link.targetTicketId]) {
      await recordTicketEvent(ctx, tx, { ticketId, kind: 'unlinked', data, isInternal: true });
    }
  });
}
