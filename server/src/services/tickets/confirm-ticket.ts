import { ConfirmInput, type Ticket } from '@loket/contract';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor, loadTicketView } from '../shared/ticket-view.ts';
import { closeResolvedRow, writeActionComment } from './ticket-writes.ts';

/**
 * The customer agrees the ticket is solved: resolved → closed. An agent may confirm on the customer's behalf (a
 * phone call); their comment is then an internal note, a customer's is a reply. Only a resolved ticket: `conflict`
 * otherwise, also when a reopen got there first.
 */
export async function confirmTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:confirm');
  const data = parseInput(ConfirmInput, input);
  const agent = isAgent(actor);
  const ticketId = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    const closed = await closeResolvedRow(ctx, tx, row);
    const comment = await writeActionComment(ctx, tx, { ticketId: row.id, actor, text: data.comment });
    await recordTicketEvent(ctx, tx, {
      ticketId: row.id,
      kind: 'confirmed',
      changes: closed.changes,
      data: { ...(agent ? { onBehalfOfCustomer: true } : {}), ...comment },
    });
    return row.id;
  });
  return loadTicketView(ctx.db, actor, ticketId);
}
