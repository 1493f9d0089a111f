import { MergeInput, type Ticket } from '@loket/contract';
import { eq, isNull, sql } from 'drizzle-orm';
import { ticketLinks, tickets } from '../../db/schema.ts';
import { conflict, invalid } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { defaultStatusOfKind } from '../shared/reference-lookup.ts';
import { getTicketRowForActor, loadTicketView } from '../shared/ticket-view.ts';
import { moveToStatus, ticketNamedInBody, touchTicket } from './ticket-writes.ts';

/**
 * Merges this ticket (a duplicate) into another of the same organisation: the duplicate closes, pointing at the
 * survivor, and its conversation shows in the survivor's (GET articles lists it with `fromTicket`). Tickets merged
 * into the duplicate earlier move along to the survivor, so every conversation stays one step away.
 * Answers with the survivor.
 */
export async function mergeTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:merge');
  const data = parseInput(MergeInput, input);
  const survivorId = await ctx.db.transaction(async (tx) => {
    // Merges lock two tickets; taking them one merge at a time keeps A→B and B→A from deadlocking each other.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tickets:merge'))`);
    const duplicate = await getTicketRowForActor(tx, actor, id, true);
    const survivor = await ticketNamedInBody(tx, actor, data.into, true);
    if (survivor.id === duplicate.id) throw invalid('A ticket cannot be merged into itself');
    if (duplicate.mergedIntoId) throw conflict('This ticket was already merged');
    if (survivor.mergedIntoId)
      throw conflict('That ticket was itself merged; merge into the ticket it was merged into');
    if (survivor.organisationId !== duplicate.organisationId) {
      throw invalid('Tickets of different organisations cannot be merged');
    }
    if (survivor.statusKind === 'closed') throw conflict('That ticket is closed; reopen it before merging into it');

    const now = ctx.clock.now();
    const moved = await moveToStatus(ctx, tx, duplicate, await defaultStatusOfKind(tx, 'closed'), {
      also: { mergedIntoId: survivor.id },
      when: isNull(tickets.mergedIntoId),
    });
    await tx.update(tickets).set({ mergedIntoId: survivor.id }).where(eq(tickets.mergedIntoId, duplicate.id));
    await tx.insert(ticketLinks).values({
      kind: 'merged_into',
      sourceTicketId: duplicate.id,
      targetTicketId: survivor.id,
      createdById: actor.personId,
      createdAt: now,
    });
    await touchTicket(ctx, tx, survivor.id);
    // Each requester may read the other's reference only when it is their own ticket too; a contact must not learn
    // of a colleague's ticket from the history. Managers and agents see internal-free events either way.
    const sameRequester = survivor.requesterId === duplicate.requesterId;
    await recordTicketEvent(ctx, tx, {
      ticketId: duplicate.id,
      kind: 'merged_into',
      changes: moved.changes,
      data: sameRequester ? { into: survivor.reference, intoId: survivor.id } : {},
    });
    await recordTicketEvent(ctx, tx, {
      ticketId: survivor.id,
      kind: 'merged_from',
      data: sameRequester ? { from: duplicate.reference, fromId: duplicate.id } : {},
    });
    if (!sameRequester) {
      // The agents still see where the conversation went, in an internal event beside the public one.
      await recordTicketEvent(ctx, tx, {
        ticketId: duplicate.id,
        kind: 'merge_details',
        data: { into: survivor.reference, intoId: survivor.id },
        isInternal: true,
      });
      await recordTicketEvent(ctx, tx, {
        ticketId: survivor.id,
        kind: 'merge_details',
        data: { from: duplicate.reference, fromId: duplicate.id },
        isInternal: true,
      });
    }
    return survivor.id;
  });
  return loadTicketView(ctx.db, actor, survivorId);
}
