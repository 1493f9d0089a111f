import { type Article, CreateNoteInput } from '@loket/contract';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadArticle } from './article-view.ts';
import { channelOf, touchTicket, writeArticle } from './ticket-writes.ts';

/** An internal note between agents. Customers never see it, its attachments, or the event recording it. */
export async function addTicketNote({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Article> {
  const actor = requirePermission(ctx, 'ticket:note');
  const data = parseInput(CreateNoteInput, input);
  const articleId = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    const article = await writeArticle(ctx, tx, {
      ticketId: row.id,
      author: actor,
      kind: 'note',
      body: data.body,
      channel: channelOf(actor),
      attachmentIds: data.attachmentIds,
    });
    await touchTicket(ctx, tx, row.id);
    await recordTicketEvent(ctx, tx, {
      ticketId: row.id,
      kind: 'note_added',
      data: { articleId: article.id },
      isInternal: true,
    });
    return article.id;
  });
  return loadArticle(ctx.db, articleId);
}
