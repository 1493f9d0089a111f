import { type Article, isAgentRole } from '@loket/contract';
import { type SQL, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { articles, attachments, people } from '../../db/schema.ts';
import { foldQuotedText } from '../../domain/mail/fold-quoted-text.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

export const toAttachment = (a: AttachmentRow): Article['attachments'][number] => ({
  id: a.id as Article['attachments'][number]['id'],
  filename: a.filename,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  createdAt: a.createdAt.toISOString(),
});

/**
 * Articles with their authors and attachments, oldest first. `fromTickets` names tickets merged into the one
 * being read, so their articles are marked with where they came from. The caller decides which articles the
 * reader may see (customers: replies only) through `where`.
 */
export async function loadArticles(
  tx: Executor,
  where: SQL | undefined,
  fromTickets: ReadonlyMap<string, string> = new Map(),
): Promise<Article[]> {
  const rows = await tx
    .select({ a: articles, authorName: people.name, authorRole: people.role })
    .from(articles)
    .innerJoin(people, eq(people.id, articles.authorId))
    .where(where)
    .orderBy(asc(articles.createdAt), asc(articles.seq));
  if (rows.length === 0) return [];
  const files = await tx
    .select()
    .from(attachments)
    .where(
      inArray(
        attachments.articleId,
        rows.map((r) => r.a.id),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  const filesOf = new Map<string, AttachmentRow[]>();
  for (const f of files) filesOf.set(f.articleId!, [...(filesOf.get(f.articleId!) ?? []), f]);
  return rows.map(({ a, authorName, authorRole }) => {
    const fromReference = fromTickets.get(a.ticketId);
    return {
      id: a.id as Article['id'],
      ticketId: a.ticketId as Article['ticketId'],
      kind: a.kind,
      author: { id: a.authorId as Article['author']['id'], name: authorName, isAgent: isAgentRole(authorRole) },
      body: a.body,
      display: a.channel === 'email' ? foldQuotedText(a.body) : { visible: a.body, folded: null },
      channel: a.channel,
      attachments: (filesOf.get(a.id) ?? []).map(toAttachment),
      createdAt: a.createdAt.toISOString(),
      fromTicket: fromReference ? { id: a.ticketId as Article['ticketId'], reference: fromReference } : null,
    };
  });
}

/** One article just written, as its author sees it. */
export async function loadArticle(tx: Executor, articleId: string): Promise<Article> {
  const [article] = await loadArticles(tx, eq(articles.id, articleId));
  return article!;
}
