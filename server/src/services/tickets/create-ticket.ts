import { CreateTicketInput, type Ticket } from '@loket/contract';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { groupMembers, groups, organisations, people } from '../../db/schema.ts';
import { forbidden, invalid } from '../../domain/app-error.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { findOrRegisterContact } from '../people/find-or-register-contact.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { loadTicketView } from '../shared/ticket-view.ts';
import { insertTicket } from './insert-ticket.ts';

const AGENT_ONLY_FIELDS = ['requesterEmail', 'channel', 'groupId', 'assigneeId'] as const;

/**
 * Opens a ticket with its first message. A customer opens it for themselves; an agent for anyone, registering an
 * unknown requester from the e-mail address (phone calls are logged this way, with channel `phone`).
 */
export async function createTicket({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:create');
  const data = parseInput(CreateTicketInput, input);
  const agent = isAgent(actor);
  if (!agent) {
    const named = AGENT_ONLY_FIELDS.filter((f) => data[f] !== undefined);
    if (named.length > 0) throw forbidden(`Customers may not set: ${named.join(', ')}`);
    if (data.organisationId && data.organisationId !== actor.organisationId) throw forbidden('Not your organisation');
  }
  const now = ctx.clock.now();

  const ticketId = await ctx.db.transaction(async (tx) => {
    let requesterId = actor.personId;
    let organisationId = actor.organisationId;
    let registered = false;
    if (agent && data.requesterEmail) {
      const found = await findOrRegisterContact(ctx, tx, { email: data.requesterEmail });
      requesterId = found.person.id;
      organisationId = found.person.organisationId;
      registered = found.registered;
      if (!found.person.isActive) throw invalid('The requester is deactivated');
    }
    if (data.organisationId && data.organisationId !== organisationId) {
      if (data.requesterEmail || !agent) throw invalid('The requester does not belong to that organisation');
      const [org] = await tx
        .select({ kind: organisations.kind, isActive: organisations.isActive })
        .from(organisations)
        .where(eq(organisations.id, data.organisationId));
      if (!org || !org.isActive || org.kind !== 'customer') throw invalid('Unknown or inactive customer organisation');
      organisationId = data.organisationId; // an agent's own ticket on behalf of a customer organisation
    }
    if (data.groupId) {
      const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, data.groupId)).limit(1);
      if (!group) throw invalid('Unknown group');
    }
    if (data.assigneeId) await assertAssignable(tx, data.assigneeId, data.groupId);

    const channel = data.channel ?? (agent ? 'api' : 'portal');
    const ticket = await insertTicket(ctx, tx, {
      subject: data.subject,
      body: data.body,
      category: data.category,
      urgency: data.urgency ?? 'normal',
      impact: data.impact ?? 'normal',
      channel,
      requesterId,
      organisationId,
      groupId: data.groupId ?? null,
      assigneeId: data.assigneeId ?? null,
      authorId: actor.personId,
      // A call an agent logs is itself the first contact with the customer.
      firstResponseAt: agent && channel === 'phone' ? now : null,
      attachmentIds: data.attachmentIds,
    });
    await recordTicketEvent(ctx, tx, {
      ticketId: ticket.id,
      ticket: ticket.row,
      kind: 'created',
      data: {
        reference: ticket.reference,
        channel,
        articleId: ticket.articleId,
        requesterRegistered: registered,
        // Who held the ticket when it opened: they are the ones told, however soon it is reassigned.
        groupId: data.groupId ?? null,
        assigneeId: data.assigneeId ?? null,
      },
    });
    return ticket.id;
  });
  return loadTicketView(ctx.db, actor, ticketId);
}

/** An assignee is an active agent, and a member of the group when one is named. */
export async function assertAssignable(
  tx: Executor,
  assigneeId: string,
  groupId: string | null | undefined,
): Promise<void> {
  const [person] = await tx
    .select({ role: people.role, isActive: people.isActive })
    .from(people)
    .where(eq(people.id, assigneeId))
    .limit(1);
  if (!person || !person.isActive || (person.role !== 'agent' && person.role !== 'admin')) {
    throw invalid('The assignee must be an active agent');
  }
  if (groupId) {
    const [member] = await tx
      .select({ g: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, assigneeId)))
      .limit(1);
    if (!member) throw invalid('The assignee is not a member of that group');
  }
}
