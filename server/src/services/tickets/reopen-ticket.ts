import { ReopenInput, type ReopenResult } from '@loket/contract';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { people, ticketLinks, tickets, type TicketRow } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import { decideReopen } from '../../domain/tickets/lifecycle.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { PersonActor, ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { loadSettings } from '../shared/reference-lookup.ts';
import { getTicketRowForActor, loadTicketView } from '../shared/ticket-view.ts';
import { insertTicket } from './insert-ticket.ts';
import { channelOf, refuseIfMerged, reopenRow, writeActionComment } from './ticket-writes.ts';

/**
 * Reopens a resolved ticket, or a closed one within the reopen window (settings.reopenWindowDays): back to the
 * default open status, one more reopen. After the window the old ticket stays closed — its reports and invoices
 * are settled — and a follow-up ticket is opened instead, linked to it. A reason from a customer is a reply to the
 * agents; an agent's is an internal note.
 */
export async function reopenTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<ReopenResult> {
  const actor = requirePermission(ctx, 'ticket:reopen');
  const data = parseInput(ReopenInput, input);
  const now = ctx.clock.now();

  const result = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    refuseIfMerged(row, 'reopen that ticket');
    const settings = await loadSettings(tx);
    const decision = decideReopen({
      statusKind: row.statusKind,
      closedAt: row.closedAt,
      now,
      reopenWindowDays: settings.reopenWindowDays,
    });
    if (decision === 'not_reopenable')
      throw conflict('The ticket is not resolved or closed; there is nothing to reopen');

    if (decision === 'reopen') {
      const reopened = await reopenRow(ctx, tx, row);
      const comment = await writeActionComment(ctx, tx, { ticketId: row.id, actor, text: data.reason });
      await recordTicketEvent(ctx, tx, {
        ticketId: row.id,
        kind: 'reopened',
        changes: reopened.changes,
        data: comment,
      });
      return { outcome: 'reopened' as const, ticketId: row.id };
    }

    const followUpId = await openFollowUp(ctx, tx, actor, row, data.reason);
    return { outcome: 'follow_up' as const, ticketId: followUpId };
  });
  return { outcome: result.outcome, ticket: await loadTicketView(ctx.db, actor, result.ticketId) };
}

const MAX_SUBJECT = 250;

/** The text the follow-up opens with: where it comes from, and the reason quoted. */
export function followUpBody(old: Pick<TicketRow, 'reference' | 'subject' | 'closedAt'>, reason: string | undefined) {
  const closed = old.closedAt ? `, closed on ${old.closedAt.toISOString().slice(0, 10)}` : '';
  const head = `Follow-up to ${old.reference} "${old.subject}"${closed}.`;
  if (!reason) return `${head}\n\nThe earlier ticket was closed too long ago to be reopened.`;
  return `${head}\n\n${reason
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n')}`;
}

/**
 * A new ticket for the same requester, organisation and category, linked `follow_up_of` the old one. Whoever held
 * the old ticket gets it again when still able to; the customer's urgency and impact carry over, an override does not.
 */
async function openFollowUp(
  ctx: ServiceContext,
  tx: Executor,
  actor: PersonActor,
  old: TicketRow,
  reason: string | undefined,
): Promise<string> {
  const now = ctx.clock.now();
  const agent = isAgent(actor);
  const existing = await openFollowUpOf(tx, old.id);
  if (existing) {
    // A retry or a second click finds the follow-up the first one opened, and only adds its reason there.
    if (reason) await addReason(ctx, tx, actor, existing, reason);
    return existing;
  }
  const assigneeId = old.assigneeId ? await activeAgent(tx, old.assigneeId) : null;
  const channel = channelOf(actor);
  const prefix = `Follow-up ${old.reference}: `;
  const ticket = await insertTicket(ctx, tx, {
    subject: `${prefix}${old.subject}`.slice(0, MAX_SUBJECT),
    // The opening message is public: an agent's reason goes in an internal note below it instead.
    body: followUpBody(old, agent ? undefined : reason),
    category: { id: old.categoryId },
    urgency: old.urgency,
    impact: old.impact,
    channel,
    requesterId: old.requesterId,
    organisationId: old.organisationId,
    groupId: old.groupId,
    assigneeId,
    authorId: actor.personId,
    firstResponseAt: null,
  });
  await tx.insert(ticketLinks).values({
    kind: 'follow_up_of',
    sourceTicketId: ticket.id,
    targetTicketId: old.id,
    createdById: actor.personId,
    createdAt: now,
  });
  await recordTicketEvent(ctx, tx, {
    ticketId: ticket.id,
    kind: 'created',
    data: {
      reference: ticket.reference,
      channel,
      articleId: ticket.articleId,
      followUpOf: old.reference,
      groupId: old.groupId,
      assigneeId,
    },
  });
  await recordTicketEvent(ctx, tx, {
    ticketId: old.id,
    kind: 'follow_up_opened',
    data: { followUpId: ticket.id, followUpReference: ticket.reference },
  });
  if (agent && reason) await addReason(ctx, tx, actor, ticket.id, reason);
  return ticket.id;
}

/** The follow-up of a ticket that is still being worked on, if there is one. */
export async function openFollowUpOf(tx: Executor, oldId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: tickets.id })
    .from(ticketLinks)
    .innerJoin(tickets, eq(tickets.id, ticketLinks.sourceTicketId))
    .where(
      and(
        eq(ticketLinks.kind, 'follow_up_of'),
        eq(ticketLinks.targetTicketId, oldId),
        notInArray(tickets.statusKind, ['resolved', 'closed']),
      ),
    )
    .limit(1);
  return row?.id;
}

/** A customer's reason is a reply the agents read; an agent's an internal note. */
async function addReason(ctx: ServiceContext, tx: Executor, actor: PersonActor, ticketId: string, reason: string) {
  const comment = await writeActionComment(ctx, tx, { ticketId, actor, text: reason });
  if (comment.articleId) await recordTicketEvent(ctx, tx, { ticketId, kind: 'replied', data: comment });
}

async function activeAgent(tx: Executor, personId: string): Promise<string | null> {
  const [person] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.isActive, true), inArray(people.role, ['agent', 'admin'])))
    .limit(1);
  return person?.id ?? null;
}
