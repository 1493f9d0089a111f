import { ChangeStatusInput, type Ticket } from '@loket/contract';
import { conflict } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor, loadTicketView } from '../shared/ticket-view.ts';
import { channelOf, moveAsAsked, refuseIfMerged, writeArticle } from './ticket-writes.ts';

/**
 * An agent moves a ticket along the configured transitions (admins edit them; by default anything but a closed
 * ticket may go anywhere, closing included). A closed ticket comes back only by a reopen. The comment is an
 * internal note: what the customer should read goes in a reply.
 */
export async function changeTicketStatus({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:status');
  const data = parseInput(ChangeStatusInput, input);
  const ticketId = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    refuseIfMerged(row, 'change the status');
    const { to, moved } = await moveAsAsked(ctx, tx, row, data.status);
    if (!moved) throw conflict(`The ticket already has status ${to.key}`);
    await recordTicketEvent(ctx, tx, { ticketId: row.id, kind: 'status_changed', changes: moved.changes });
    if (data.comment) {
      const note = await writeArticle(ctx, tx, {
        ticketId: row.id,
        author: actor,
        kind: 'note',
        body: data.comment,
        channel: channelOf(actor),
      });
      // The note is its own, internal event, so the customer's history shows the change but not the comment.
      await recordTicketEvent(ctx, tx, {
        ticketId: row.id,
        kind: 'note_added',
        data: { articleId: note.id, withStatus: to.key },
        isInternal: true,
      });
    }
    return row.id;
  });
  return loadTicketView(ctx.db, actor, ticketId);
}
