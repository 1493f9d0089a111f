import { type Ticket, UpdateTicketInput } from '@loket/contract';
import { and, eq, ne } from 'drizzle-orm';
import { people, tickets } from '../../db/schema.ts';
import { conflict, forbidden, invalid } from '../../domain/app-error.ts';
import { disallowedTicketFields } from '../../domain/tickets/field-access.ts';
import { nextPriority } from '../../domain/tickets/priority.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { diff, recordTicketEvent } from '../shared/record-event.ts';
import { loadPriorityMatrix, resolveCategory } from '../shared/reference-lookup.ts';
import { getTicketRowForActor, loadTicketView } from '../shared/ticket-view.ts';

const FIELDS = [
  'subject',
  'categoryId',
  'urgency',
  'impact',
  'priority',
  'priorityOverridden',
  'estimateMinutes',
  'requesterId',
  'organisationId',
] as const;

/**
 * Changes a ticket's fields, each role only its own (domain/tickets/field-access.ts). Urgency and impact set the
 * priority through the matrix; an agent may override it with a reason, and the override then holds when urgency
 * or impact change later. Customers may change only tickets that are not closed.
 */
export async function updateTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:update');
  const data = parseInput(UpdateTicketInput, input);
  const refused = disallowedTicketFields(actor.role, data);
  if (refused.length > 0) throw forbidden(`Your role may not set: ${refused.join(', ')}`);
  if (data.priority !== undefined && data.priorityReason === undefined) {
    throw invalid('Overriding the priority needs a priorityReason', [
      { path: 'priorityReason', message: 'required with priority' },
    ]);
  }
  if (data.priorityReason !== undefined && data.priority === undefined) {
    throw invalid('priorityReason goes with priority', [{ path: 'priority', message: 'required with priorityReason' }]);
  }
  const agent = isAgent(actor);

  const ticketId = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    if (!agent && row.statusKind === 'closed') throw conflict('A closed ticket cannot be changed; reopen it first');
    const next: Partial<typeof tickets.$inferInsert> = {};
    if (data.subject !== undefined) next.subject = data.subject;
    if (data.category !== undefined) next.categoryId = (await resolveCategory(tx, data.category)).id;
    if (data.urgency !== undefined) next.urgency = data.urgency;
    if (data.impact !== undefined) next.impact = data.impact;
    if (data.estimateMinutes !== undefined) next.estimateMinutes = data.estimateMinutes;
    if (data.requesterId !== undefined) {
      // The ticket belongs to its requester's organisation: a new requester may move it to another.
      const [person] = await tx
        .select({ id: people.id, organisationId: people.organisationId, isActive: people.isActive })
        .from(people)
        .where(eq(people.id, data.requesterId))
        .limit(1);
      if (!person || !person.isActive) throw invalid('The requester must be an active person');
      next.requesterId = person.id;
      next.organisationId = person.organisationId;
    }
    if (data.urgency !== undefined || data.impact !== undefined || data.priority !== undefined) {
      Object.assign(
        next,
        nextPriority(await loadPriorityMatrix(tx, row.contractVersionId), row, {
          urgency: data.urgency,
          impact: data.impact,
          override: data.priority,
        }),
      );
    }
    const changes = diff(row, next, [...FIELDS]);
    if (changes.length === 0) return row.id;
    const [updated] = await tx
      .update(tickets)
      .set({ ...next, updatedAt: ctx.clock.now() })
      .where(and(eq(tickets.id, row.id), agent ? undefined : ne(tickets.statusKind, 'closed')))
      .returning({ id: tickets.id });
    if (!updated) throw conflict('The ticket was closed meanwhile');
    const overridden = data.priority !== undefined;
    await recordTicketEvent(ctx, tx, {
      ticketId: row.id,
      kind: 'updated',
      changes,
      data: overridden ? { priorityReason: data.priorityReason } : {},
      // An agent's reason for overriding the priority is their assessment, not a message to the customer.
      isInternal: overridden,
    });
    return row.id;
  });
  return loadTicketView(ctx.db, actor, ticketId);
}
