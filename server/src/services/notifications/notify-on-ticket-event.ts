import { and, eq, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { groupMembers, groups, notifications, organisations, people, ticketEvents, tickets } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { agentRecipientColumns, queueAgentNotificationMails } from '../mail/outbound/agent-notification-mail.ts';

type EventRow = typeof ticketEvents.$inferSelect;
type Holders = { groupId: unknown; assigneeId: unknown };

/**
 * Whom an event is addressed to, as a description that one query turns into people (so no rule costs a round trip
 * of its own): people named outright, and groups whose active members or active lead are meant.
 */
type Addressees = {
  /** Named outright (an assignee): notified even when no longer active; their mail then stays out. */
  people: string[];
  /** Groups whose active members are meant. */
  membersOf: string[];
  /** Groups whose lead is meant, when active. */
  leadOf: string[];
};

const nobody: Addressees = { people: [], membersOf: [], leadOf: [] };
const person = (id: string): Addressees => ({ ...nobody, people: [id] });
const membersOf = (groupId: unknown): Addressees => ({
  ...nobody,
  membersOf: typeof groupId === 'string' ? [groupId] : [],
});
const leadOf = (groupId: string | null): Addressees => ({ ...nobody, leadOf: groupId ? [groupId] : [] });
const both = (...parts: Addressees[]): Addressees => ({
  people: parts.flatMap((p) => p.people),
  membersOf: parts.flatMap((p) => p.membersOf),
  leadOf: parts.flatMap((p) => p.leadOf),
});

/** The people an event can be addressed to. */
type Audience = {
  /** Whoever holds the ticket: its assignee, else its group's active members (as it stands now unless named). */
  holders(at?: Holders): Addressees;
  /** The assignee and the active members of the group, both. */
  assigneeAndGroup(): Addressees;
  /** The group's lead, when the ticket has a group with an active lead. */
  groupLead(): Addressees;
};

type Rule = {
  /** The notification kind the recipients get. */
  kind: string;
  /** Only when a customer caused the event (their reply, confirmation, reopen). */
  byCustomerOnly?: boolean;
  to(audience: Audience, event: EventRow): Addressees;
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
    to(audience, event) {
      const to = event.changes.find((c) => c.field === 'assigneeId')?.to;
      if (typeof to === 'string') return person(to);
      const group = event.changes.find((c) => c.field === 'groupId');
      return group ? audience.holders({ groupId: group.to, assigneeId: null }) : nobody;
    },
  },
  replied: fromCustomer('replied'),
  confirmed: fromCustomer('confirmed'),
  reopened: fromCustomer('reopened'),
  follow_up_opened: fromCustomer('follow_up_opened'),
  // A deadline coming closer concerns the whole group, not only whoever holds the ticket; a breach also its lead.
  sla_warning: {
    kind: 'sla_warning',
    // A warning that passed together with its breach says less than the breach, which is told.
    to: (audience, event) => (event.data.passedWithBreach === true ? nobody : audience.assigneeAndGroup()),
  },
  sla_breached: {
    kind: 'sla_breached',
    to: (audience) => both(audience.assigneeAndGroup(), audience.groupLead()),
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
  // The requester is read here too: the agents' mail names them and their organisation.
  const requester = alias(people, 'requester');
  const requesterOrganisation = alias(organisations, 'requester_organisation');
  const [row] = await deps.db
    .select({
      event: ticketEvents,
      ticket: tickets,
      actorRole: people.role,
      requesterName: requester.name,
      organisationName: requesterOrganisation.name,
    })
    .from(ticketEvents)
    .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
    .leftJoin(people, eq(people.id, ticketEvents.actorId))
    .leftJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(requesterOrganisation, eq(requesterOrganisation.id, requester.organisationId))
    .where(eq(ticketEvents.id, input.eventId));
  if (!row) return 0;
  const { event, ticket } = row;
  const rule = RULES[event.kind];
  if (!rule) return 0;
  const byCustomer = row.actorRole === 'contact' || row.actorRole === 'manager';
  if (rule.byCustomerOnly && !byCustomer) return 0;

  const audience: Audience = {
    holders: (at = ticket) => (typeof at.assigneeId === 'string' ? person(at.assigneeId) : membersOf(at.groupId)),
    assigneeAndGroup: () => both(ticket.assigneeId ? person(ticket.assigneeId) : nobody, membersOf(ticket.groupId)),
    groupLead: () => leadOf(ticket.groupId),
  };

  const to = rule.to(audience, event);
  const named = [...new Set(to.people)].filter((id) => id !== event.actorId);
  if (named.length === 0 && to.membersOf.length === 0 && to.leadOf.length === 0) return 0;
  // Everyone addressed who is an agent, with what their mail needs, in one query. The addressed ids come first, so
  // people are looked up by key (a filter on people itself would scan every contact).
  const addressed = sql.join(
    [
      ...named.map((id) => sql`SELECT ${id}::uuid AS id, true AS named`),
      ...(to.membersOf.length > 0
        ? [sql`SELECT m.person_id AS id, false AS named FROM ${groupMembers} m WHERE m.group_id IN ${to.membersOf}`]
        : []),
      ...(to.leadOf.length > 0
        ? [sql`SELECT g.lead_id AS id, false AS named FROM ${groups} g WHERE g.id IN ${to.leadOf}`]
        : []),
    ],
    sql` UNION ALL `,
  );
  const recipients = (
    await deps.db
      .select(agentRecipientColumns)
      .from(sql`(SELECT a.id, bool_or(a.named) AS named FROM (${addressed}) a GROUP BY a.id) AS addressed`)
      .innerJoin(people, sql`${people.id} = addressed.id`)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      // Only agents; a group's members and lead only while active, a person named outright (an assignee) always.
      .where(and(notInArray(people.role, ['contact', 'manager']), sql`(addressed.named OR ${people.isActive})`))
  ).filter((r) => r.id !== event.actorId);
  if (recipients.length === 0) return 0;
  // The notifications and their mails commit together: a retried job finds both written, or neither.
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(notifications)
      .values(
        recipients.map((r) => ({
          personId: r.id,
          ticketId: ticket.id,
          eventId: event.id,
          kind: rule.kind,
          createdAt: event.createdAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: notifications.id, personId: notifications.personId });
    await queueAgentNotificationMails(deps, tx, {
      notifications: inserted,
      kind: rule.kind,
      ticket,
      event,
      recipients,
      requester: { name: row.requesterName ?? '', organisationName: row.organisationName ?? '' },
    });
    return inserted.length;
  });
}
