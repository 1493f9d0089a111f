import type { ArticleList } from '@loket/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { articles, tickets } from '../../db/schema.ts';
import { isAgent, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor, ticketScope } from '../shared/ticket-view.ts';
import { loadArticles } from './article-view.ts';

/**
 * The conversation of a ticket, oldest first, with the conversations of tickets merged into it (marked with
 * `fromTicket`). Customers see replies only — never internal notes, so never their attachments either — and only
 * merged tickets they could open themselves.
 */
export async function listArticles({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<ArticleList> {
  const actor = requirePermission(ctx, 'ticket:read');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  const merged = await ctx.db
    .select({ id: tickets.id, reference: tickets.reference })
    .from(tickets)
    .where(and(eq(tickets.mergedIntoId, ticket.id), ticketScope(actor)));
  const ticketIds = [ticket.id, ...merged.map((m) => m.id)];
  const items = await loadArticles(
    ctx.db,
    and(inArray(articles.ticketId, ticketIds), isAgent(actor) ? undefined : eq(articles.kind, 'reply')),
    new Map(merged.map((m) => [m.id, m.reference])),
  );
  return { items };
}
