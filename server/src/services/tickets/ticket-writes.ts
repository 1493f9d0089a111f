import type { Channel } from '@loket/contract';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { articles, type statuses, tickets, type TicketRow } from '../../db/schema.ts';
import { AppError, conflict, invalid } from '../../domain/app-error.ts';
import { stampsForTransition } from '../../domain/tickets/lifecycle.ts';
import { isAgent } from '../authorize.ts';
import type { PersonActor, ServiceContext } from '../context.ts';
import { bindAttachments } from '../shared/bind-attachments.ts';
import { type Change, diff, recordTicketEvent } from '../shared/record-event.ts';
import { defaultStatusOfKind, isTransitionAllowed, resolveStatus } from '../shared/reference-lookup.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';

// The writes several ticket verbs share. Each runs inside the caller's transaction on a row the caller has locked,
// and is still conditional on what the caller read, so a change made meanwhile answers `conflict`, never a lost update.

type StatusRow = typeof statuses.$inferSelect;
type TicketChanges = PgUpdateSetSource<typeof tickets>;

const TRACKED: (keyof TicketRow)[] = ['resolvedAt', 'closedAt', 'reopenCount', 'mergedIntoId'];

/**
 * Moves a ticket to a status: stamps resolvedAt/closedAt, copies the kind, touches updatedAt. Conditional on the
 * status the ticket was read in (and on `when`, if given). Returns the new row and the changes for the event.
 */
export async function moveToStatus(
  ctx: ServiceContext,
  tx: Executor,
  row: TicketRow,
  to: StatusRow,
  options: { also?: TicketChanges; when?: SQL } = {},
): Promise<{ row: TicketRow; changes: Change[] }> {
  const now = ctx.clock.now();
  const from = await resolveStatus(tx, row.statusId);
  const [updated] = await tx
    .update(tickets)
    .set({
      statusId: to.id,
      statusKind: to.kind,
      ...stampsForTransition(row.statusKind, to.kind, now),
      updatedAt: now,
      ...options.also,
    })
    .where(and(eq(tickets.id, row.id), eq(tickets.statusId, row.statusId), options.when))
    .returning();
  if (!updated) throw conflict('The ticket was changed meanwhile; load it again');
  const changes: Change[] = from.id === to.id ? [] : [{ field: 'status', from: from.key, to: to.key }];
  return { row: updated, changes: [...changes, ...diff(row, updated, TRACKED)] };
}

/** Back to the default open-kind status, one more reopen, resolution and closing cleared. */
export async function reopenRow(ctx: ServiceContext, tx: Executor, row: TicketRow) {
  const to = await defaultStatusOfKind(tx, 'open');
  return moveToStatus(ctx, tx, row, to, {
    also: { reopenCount: sql`${tickets.reopenCount} + 1` },
    when: eq(tickets.statusKind, row.statusKind),
  });
}

/**
 * Closes a ticket that is resolved — on the customer's confirmation, or automatically after the period the SLA
 * work computes. Conditional on the ticket still being resolved: a reopen that got there first wins.
 */
export async function closeResolvedRow(ctx: ServiceContext, tx: Executor, row: TicketRow) {
  if (row.statusKind !== 'resolved') throw conflict('Only a resolved ticket can be confirmed and closed');
  const to = await defaultStatusOfKind(tx, 'closed');
  return moveToStatus(ctx, tx, row, to, { when: eq(tickets.statusKind, 'resolved') });
}

/** Touches updatedAt: something visible on the ticket happened (a statement to await, or to write with others). */
export function touchTicket(ctx: ServiceContext, tx: Executor, ticketId: string) {
  return tx.update(tickets).set({ updatedAt: ctx.clock.now() }).where(eq(tickets.id, ticketId));
}

/** The channel an article arrives by when written in Loket itself. */
export const channelOf = (actor: PersonActor, viaPhone = false): Channel =>
  isAgent(actor) ? (viaPhone ? 'phone' : 'api') : 'portal';

/** Writes an article by the actor and binds the actor's own unused uploads to it. */
export async function writeArticle(
  ctx: ServiceContext,
  tx: Executor,
  input: {
    ticketId: string;
    author: PersonActor;
    kind: 'reply' | 'note';
    body: string;
    channel: Channel;
    attachmentIds?: string[] | undefined;
  },
): Promise<{ id: string }> {
  const [article] = await tx
    .insert(articles)
    .values({
      ticketId: input.ticketId,
      kind: input.kind,
      authorId: input.author.personId,
      channel: input.channel,
      body: input.body,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: articles.id });
  await bindAttachments(tx, {
    attachmentIds: input.attachmentIds,
    uploaderId: input.author.personId,
    ticketId: input.ticketId,
    articleId: article!.id,
  });
  return article!;
}

/** A merged ticket lives on in the one it was merged into; conversation and reopening happen there. */
export function refuseIfMerged(row: TicketRow, what: string): void {
  if (row.mergedIntoId) throw conflict(`This ticket was merged into another; ${what} there`);
}

/** A ticket named in a request body (a link or merge target). Missing is a problem with the request, not the path. */
export async function ticketNamedInBody(
  tx: Executor,
  actor: PersonActor,
  idOrReference: string,
  lock = false,
): Promise<TicketRow> {
  try {
    return await getTicketRowForActor(tx, actor, idOrReference, lock);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw invalid(`Unknown ticket: ${idOrReference}`);
    throw error;
  }
}

/**
 * The comment someone gives with an action (a confirmation, a reopen): a customer's is a public reply whose id goes
 * into the action's event; an agent's is an internal note with an internal event of its own.
 */
export async function writeActionComment(
  ctx: ServiceContext,
  tx: Executor,
  input: { ticketId: string; actor: PersonActor; text: string | undefined },
): Promise<{ articleId?: string }> {
  if (!input.text) return {};
  const agent = isAgent(input.actor);
  const article = await writeArticle(ctx, tx, {
    ticketId: input.ticketId,
    author: input.actor,
    kind: agent ? 'note' : 'reply',
    body: input.text,
    channel: channelOf(input.actor),
  });
  if (!agent) return { articleId: article.id };
  await recordTicketEvent(ctx, tx, {
    ticketId: input.ticketId,
    kind: 'note_added',
    data: { articleId: article.id },
    isInternal: true,
  });
  return {};
}

/**
 * An agent's status change as asked for, by key or id: an active status that the configured transitions allow from
 * where the ticket stands. `moved` is undefined when the ticket already has that status.
 */
export async function moveAsAsked(ctx: ServiceContext, tx: Executor, row: TicketRow, status: string) {
  const to = await resolveStatus(tx, status);
  if (!to.isActive) throw invalid(`Status ${to.key} is no longer in use`);
  if (to.id === row.statusId) return { to, moved: undefined };
  if (!(await isTransitionAllowed(tx, row.statusId, to.id))) {
    throw conflict(
      row.statusKind === 'closed'
        ? 'A closed ticket comes back only by a reopen'
        : `A ticket cannot move from its current status to ${to.key}`,
    );
  }
  return { to, moved: await moveToStatus(ctx, tx, row, to) };
}
