import { and, eq, inArray, ne } from 'drizzle-orm';
import { groupMembers, groups, notifications, people, ticketEvents, tickets } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { queueAgentNotificationMails } from '../mail/outbound/agent-notification-mail.ts';

type EventRow = typeof ticketEvents.$inferSelect;
type Holders = { groupId: unknown; assigneeId: unknown };

/** The people an event can be addressed to, looked up only when a rule asks for them. */
type Audience = {
  /** Whoever holds the ticket: its assignee, else its group's active members (as it stands now unless named). */
  holders(at?: Holders): Promise<string[]>;
  /** The assignee and the active members of the group, both. */
  assigneeAndGroup(): Promise<string[]>;
  /** The group's lead, when the ticket has a group with an active lead. */
  groupLead(): Promise<string[]>;
};

type Rule = {
  /** The notification kind the recipients get. */
  kind: string;
  /** Only when a customer caused the event (their reply, confirmation, reopen). */
  byCustomerOnly?: boolean;
  to(audience: Audience, event: EventRow): Promise<string[]>;
};

// An event that recorded its holders (a new ticket) is told to those, so a quick reassignment does not redirect it.
const toRecordedHolders: Rule['to'] = (audience, event) =>
  'groupId' in event.data || 'assigneeId' in event.data
    ? audience.holders({ groupId: event.data.groupId, assigneeId: event.data.assigneeId })
    : audience.holders();

const toHolders: Rule['to'] = (audience) => audience.holders();

const fromCustomer = (kind: string): Rule => ({ kind: `customer_${kind}`, byCustomerOnly: true, to: toHolders });

/** Who hears of which event. Event kinds not listed notify nobody. */
const RULES: Record<string, Rule> = {
  created: { kind: 'ticket_created', to: toRecordedHolders },
  merged_from: { kind: 'ticket_created', to: toRecordedHolders },
  assigned: {
    kind: 'ticket_assigned',
    // The new assignee; when the ticket moved to a group without an assignee, that group.
    async to(audience, event) {
      const to = event.changes.find((c) => c.field === 'assigneeId')?.to;
      if (typeof to === 'string') return [to];
      const group = event.changes.find((c) => c.field === 'groupId');
      return group ? audience.holders({ groupId: group.to, assigneeId: null }) : [];
    },
  },
  replied: fromCustomer('replied'),
  confirmed: fromCustomer('confirmed'),
  reopened: fromCustomer('reopened'),
  follow_up_opened: fromCustomer('follow_up_opened'),
  // A deadline coming closer concerns the whole group, not only whoever holds the ticket; a breach also its lead.
  sla_warning: { kind: 'sla_warning', to: (audience) => audience.assigneeAndGroup() },
  sla_breached: {
    kind: 'sla_breached',
    to: async (audience) => [...(await audience.assigneeAndGroup()), ...(await audience.groupLead())],
  },
  effort_threshold_reached: { kind: 'effort_threshold_reached', to: toHolders },
};

/**
 * Who hears of an event, by the rules above: a new ticket goes to its group (or its assignee); an assignment to the
 * new assignee; a customer's reply, confirmation or reopen to the assignee, or the group while nobody holds the
 * ticket; an SLA warning to the assignee and the group, a breach to them and the group's lead; a reached effort
 * threshold to the assignee, else the group. Only agents, never the person who caused it (system events have no
 * actor, so nobody is left out). Idempotent: one notification per person and event, and one mail per notification.
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
  const rule = RULES[event.kind];
  if (!rule) return 0;
  const byCustomer = row.actorRole === 'contact' || row.actorRole === 'manager';
  if (rule.byCustomerOnly && !byCustomer) return 0;

  const activeMembers = async (groupId: unknown): Promise<string[]> => {
    if (typeof groupId !== 'string') return [];
    const members = await deps.db
      .select({ id: groupMembers.personId })
      .from(groupMembers)
      .innerJoin(people, eq(people.id, groupMembers.personId))
      .where(and(eq(groupMembers.groupId, groupId), eq(people.isActive, true)));
    return members.map((m) => m.id);
  };
  const audience: Audience = {
    async holders(at = ticket) {
      return typeof at.assigneeId === 'string' ? [at.assigneeId] : activeMembers(at.groupId);
    },
    async assigneeAndGroup() {
      return [...(ticket.assigneeId ? [ticket.assigneeId] : []), ...(await activeMembers(ticket.groupId))];
    },
    async groupLead() {
      if (!ticket.groupId) return [];
      const [lead] = await deps.db
        .select({ id: people.id })
        .from(groups)
        .innerJoin(people, eq(people.id, groups.leadId))
        .where(and(eq(groups.id, ticket.groupId), eq(people.isActive, true)));
      return lead ? [lead.id] : [];
    },
  };

  const targets = [...new Set(await rule.to(audience, event))].filter((id) => id !== event.actorId);
  if (targets.length === 0) return 0;
  const agents = await deps.db
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, targets), ne(people.role, 'contact'), ne(people.role, 'manager')));
  if (agents.length === 0) return 0;
  // The notifications and their mails commit together: a retried job finds both written, or neither.
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(notifications)
      .values(
        agents.map((a) => ({
          personId: a.id,
          ticketId: ticket.id,
          eventId: event.id,
          kind: rule.kind,
          createdAt: event.createdAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: notifications.id, personId: notifications.personId });
    await queueAgentNotificationMails(deps, tx, { notifications: inserted, kind: rule.kind, ticket, event });
    return inserted.length;
  });
}
