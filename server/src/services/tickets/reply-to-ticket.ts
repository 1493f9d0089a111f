import { type Article, CreateArticleInput } from '@loket/contract';
import { and, eq, isNull } from 'drizzle-orm';
import { tickets } from '../../db/schema.ts';
import { conflict, forbidden } from '../../domain/app-error.ts';
import { decideReopen } from '../../domain/tickets/lifecycle.ts';
import { isAgent, parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { type Change, recordTicketEvent } from '../shared/record-event.ts';
import { defaultStatusOfKind, loadSettings } from '../shared/reference-lookup.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadArticle } from './article-view.ts';
import {
  channelOf,
  moveAsAsked,
  moveToStatus,
  refuseIfMerged,
  reopenRow,
  touchTicket,
  writeArticle,
} from './ticket-writes.ts';

/**
 * A public reply. A customer's reply hands the ticket back: from a waiting-for-customer status to the default open
 * one; a resolved ticket, or one closed within the reopen window, reopens. A ticket closed longer ago is not
 * reopened by a reply. An agent's first public reply is the first response; agents may change the status with it.
 */
export async function replyToTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Article> {
  const actor = requirePermission(ctx, 'ticket:reply');
  const data = parseInput(CreateArticleInput, input);
  const agent = isAgent(actor);
  if (!agent) {
    const named = (['status', 'viaPhone'] as const).filter((f) => data[f] !== undefined);
    if (named.length > 0) throw forbidden(`Customers may not set: ${named.join(', ')}`);
  }
  const now = ctx.clock.now();

  const articleId = await ctx.db.transaction(async (tx) => {
    let row = await getTicketRowForActor(tx, actor, id, true);
    refuseIfMerged(row, 'reply');
    const changes: Change[] = [];
    const eventData: Record<string, unknown> = {};

    if (!agent) {
      if (row.statusKind === 'resolved' || row.statusKind === 'closed') {
        const settings = await loadSettings(tx);
        const decision = decideReopen({
          statusKind: row.statusKind,
          closedAt: row.closedAt,
          now,
          reopenWindowDays: settings.reopenWindowDays,
        });
        if (decision !== 'reopen') {
          throw conflict(
            `This ticket was closed more than ${settings.reopenWindowDays} days ago and can no longer be reopened by a ` +
              `reply: open a new ticket, or use POST /tickets/${row.reference}/reopen to open a follow-up`,
          );
        }
        const reopened = await reopenRow(ctx, tx, row);
        row = reopened.row;
        changes.push(...reopened.changes);
        eventData.reopened = true;
      } else if (row.statusKind === 'waiting_customer') {
        const moved = await moveToStatus(ctx, tx, row, await defaultStatusOfKind(tx, 'open'));
        row = moved.row;
        changes.push(...moved.changes);
      }
    } else if (data.status !== undefined) {
      const { moved } = await moveAsAsked(ctx, tx, row, data.status);
      if (moved) {
        row = moved.row;
        changes.push(...moved.changes);
      }
    }

    const article = await writeArticle(ctx, tx, {
      ticketId: row.id,
      author: actor,
      kind: 'reply',
      body: data.body,
      channel: channelOf(actor, data.viaPhone),
      attachmentIds: data.attachmentIds,
    });
    if (agent) {
      // Only the first agent reply counts; a concurrent one that got there first keeps its instant.
      const [first] = await tx
        .update(tickets)
        .set({ firstResponseAt: now })
        .where(and(eq(tickets.id, row.id), isNull(tickets.firstResponseAt)))
        .returning({ id: tickets.id });
      if (first) changes.push({ field: 'firstResponseAt', from: null, to: now.toISOString() });
    }
    await touchTicket(ctx, tx, row.id);
    await recordTicketEvent(ctx, tx, {
      ticketId: row.id,
      kind: 'replied',
      changes,
      data: { ...eventData, articleId: article.id, ...(data.viaPhone ? { viaPhone: true } : {}) },
    });
    return article.id;
  });
  return loadArticle(ctx.db, articleId);
}
