import type { Readable } from 'node:stream';
import { type SQL, and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { articles, attachments, tickets } from '../../db/schema.ts';
import { AppError, notFound } from '../../domain/app-error.ts';
import { contentDisposition } from '../../domain/tickets/attachment-filename.ts';
import { isAgent, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { ticketScope } from '../shared/ticket-view.ts';
import { isUuid } from '../shared/ids.ts';

export type AttachmentDownload = {
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** The header value: always `attachment`, the name encoded (RFC 6266 / 5987). */
  contentDisposition: string;
  body: Readable;
};

/**
 * An attachment's bytes, for whoever may see it: its uploader while it is bound to nothing; afterwards whoever may
 * see the article — the ticket in their scope, and for customers never an internal note's. `not_found` otherwise,
 * the same answer as for an id that does not exist.
 */
export async function openAttachment({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<AttachmentDownload> {
  const actor = requirePermission(ctx, 'ticket:read');
  if (!isUuid(id)) throw notFound('Attachment not found');
  const visibleArticle: SQL | undefined = and(
    isNotNull(attachments.articleId),
    ticketScope(actor),
    isAgent(actor) ? undefined : eq(articles.kind, 'reply'),
  );
  const [row] = await ctx.db
    .select({ a: attachments })
    .from(attachments)
    .leftJoin(articles, eq(articles.id, attachments.articleId))
    .leftJoin(tickets, eq(tickets.id, articles.ticketId))
    .where(
      and(
        eq(attachments.id, id.toLowerCase()),
        or(and(isNull(attachments.articleId), eq(attachments.uploaderId, actor.personId)), visibleArticle),
      ),
    )
    .limit(1);
  if (!row) throw notFound('Attachment not found');
  if (!(await ctx.blobs.exists(row.a.sha256))) {
    throw new AppError('internal', `The stored file of attachment ${row.a.id} is missing`);
  }
  return {
    filename: row.a.filename,
    contentType: row.a.contentType,
    sizeBytes: row.a.sizeBytes,
    contentDisposition: contentDisposition(row.a.filename),
    body: ctx.blobs.open(row.a.sha256),
  };
}
