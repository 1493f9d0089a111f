import { and, eq, inArray, ne } from 'drizzle-orm';
import { groupMembers, notifications, people, ticketEvents, tickets } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';

/**
 * Who hears of an event: a new ticket goes to its group (or its assignee); an assignment to the new assignee;
 * a customer's reply, confirmation or reopen to the assignee, or the group while nobody holds the ticket.
 * Never to the person who caused it. Idempotent: one notification per person and event.
 */
export async function notifyOnTicketEvent(deps: ServiceDeps, input: { eventId: number }): Promise<number> {
  const [row] = await deps.db
    .select({ event: ticketEvents, ticket: tickets, actorRole: people.role })
    .from(ticketEvents)
    .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
    .leftJoin(people, eq(people.id, ticketEvents.actorId))
    .where(eq(ticketEvents.id, input.eventId));
  if (!row) return 0;
  const { event, ticket } = row;
  const byCustomer = row.actorRole === 'contact' || row.actorRole === 'manager';
  // Whoever holds the ticket: its assignee, else its group's active members. By default as it stands now; an event
  // that recorded its holders (a new ticket) is told to those, so a quick reassignment does not redirect it.
  const holders = async (
    at: { groupId: unknown; assigneeId: unknown } = { groupId: ticket.groupId, assigneeId: ticket.assigneeId },
  ): Promise<string[]> => {
    if (typeof at.assigneeId === 'string') return [at.assigneeId];
    if (typeof at.groupId !== 'string') return [];
    const members = await deps.db
      .select({ id: groupMembers.personId })
      .from(groupMembers)
      .innerJoin(people, eq(people.id, groupMembers.personId))
      .where(and(eq(groupMembers.groupId, at.groupId), eq(people.isActive, true)));
    return members.map((m) => m.id);
  };
  const recorded = 'groupId' in event.data || 'assigneeId' in event.data;

  let recipients: string[] = [];
  let kind = event.kind;
  if (event.kind === 'created' || event.kind === 'merged_from') {
    recipients = await holders(
      recorded ? { groupId: event.data.groupId, assigneeId: event.data.assigneeId } : undefined,
    );
    kind = 'ticket_created';
  } else if (event.kind === 'assigned') {
    const to = event.changes.find((c) => c.field === 'assigneeId')?.to;
    if (typeof to === 'string') recipients = [to];
    else {
      const group = event.changes.find((c) => c.field === 'groupId');
      if (group) recipients = await holders({ groupId: group.to, assigneeId: null });
    }
    kind = 'ticket_assigned';
  } else if (byCustomer && ['replied', 'confirmed', 'reopened', 'follow_up_opened'].includes(event.kind)) {
    recipients = await holders();
    kind = `customer_${event.kind}`;
  }
  const targets = recipients.filter((id) => id !== event.actorId);
  if (targets.length === 0) return 0;
  const agents = await deps.db
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, targets), ne(people.role, 'contact'), ne(people.role, 'manager')));
  if (agents.length === 0) return 0;
  const inserted = await deps.db
    .insert(notifications)
    .values(
      agents.map((a) => ({ personId: a.id, ticketId: ticket.id, eventId: event.id, kind, createdAt: event.createdAt })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return inserted.length;
}
