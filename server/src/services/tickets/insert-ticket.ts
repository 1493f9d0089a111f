import { randomUUID } from 'node:crypto';
import type { Channel, Level } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { articles, tickets, type TicketRow } from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import { formatReference } from '../../domain/tickets/reference.ts';
import type { ServiceContext } from '../context.ts';
import { bindAttachments } from '../shared/bind-attachments.ts';

export type NewTicket = {
  subject: string;
  body: string;
  /** A category id or key to look up (active ones only), or `{ id }` to take as it is; absent: the first active. */
  category: string | { id: string } | undefined;
  urgency: Level;
  impact: Level;
  channel: Channel;
  requesterId: string;
  organisationId: string;
  groupId: string | null;
  assigneeId: string | null;
  authorId: string;
  firstResponseAt: Date | null;
  attachmentIds?: string[] | undefined;
};

type Defaults = {
  number: number;
  prefix: unknown;
  status_id: string | null;
  status_kind: (typeof tickets.$inferSelect)['statusKind'] | null;
  category_id: string | null;
  priority: (typeof tickets.$inferSelect)['priority'] | null;
  contract_version_id: string | null;
};

/**
 * Writes a new ticket with its first article, in the caller's transaction. Everything it needs from configuration —
 * the next number, the reference prefix, the status new tickets start in, the category, the contract version in
 * force for the organisation and the priority from that version's matrix (the desk's matrix without a contract) —
 * comes back in one round trip: ticket creation is the hottest write there is.
 */
export async function insertTicket(
  ctx: ServiceContext,
  tx: Executor,
  t: NewTicket,
): Promise<{ id: string; reference: string; articleId: string; row: TicketRow }> {
  const now = ctx.clock.now();
  const named = typeof t.category === 'string' ? t.category : null;
  const fixed = typeof t.category === 'object' ? t.category.id : null;
  const [d] = await queryRows<Defaults>(
    tx,
    sql`WITH v AS (
        SELECT cv.id, cv.matrix FROM contract_versions cv JOIN contracts c ON c.id = cv.contract_id
        WHERE c.organisation_id = ${t.organisationId} AND cv.effective_from <= ${now.toISOString()}::timestamptz
        ORDER BY cv.effective_from DESC, cv.version DESC LIMIT 1)
      SELECT nextval('ticket_number_seq')::int AS number,
      (SELECT value FROM settings WHERE key = 'ticketPrefix') AS prefix,
      (SELECT id FROM statuses WHERE kind = 'new' AND is_active ORDER BY position, key LIMIT 1) AS status_id,
      'new' AS status_kind,
      ${
        fixed
          ? sql`${fixed}::uuid`
          : sql`(SELECT id FROM categories WHERE is_active
                 AND (${named}::text IS NULL OR key = ${named} OR id::text = lower(${named}))
                 ORDER BY position, key LIMIT 1)`
      } AS category_id,
      coalesce(
        (SELECT cell->>'priority' FROM v, jsonb_array_elements(v.matrix) cell
          WHERE cell->>'urgency' = ${t.urgency} AND cell->>'impact' = ${t.impact}),
        (SELECT priority FROM priority_matrix WHERE urgency = ${t.urgency} AND impact = ${t.impact})) AS priority,
      (SELECT id FROM v) AS contract_version_id`,
  );
  if (!d?.status_id) throw invalid('No active status of kind new is configured');
  if (!d.category_id) throw invalid(`Unknown category: ${named ?? '(none configured)'}`);
  if (!d.priority) throw new Error(`priority matrix has no cell for urgency ${t.urgency} × impact ${t.impact}`);
  const number = Number(d.number);
  const prefix = typeof d.prefix === 'string' ? d.prefix : 'LK';
  // The first article goes in with the ticket, in one statement (its foreign key is checked at the statement's end).
  const ticketId = randomUUID();
  const articleId = randomUUID();
  const firstArticle = tx.$with('first_article').as(
    tx
      .insert(articles)
      .values({
        id: articleId,
        ticketId,
        kind: 'reply',
        authorId: t.authorId,
        channel: t.channel,
        body: t.body,
        createdAt: now,
      })
      .returning({ id: articles.id }),
  );
  const [ticket] = await tx
    .with(firstArticle)
    .insert(tickets)
    .values({
      id: ticketId,
      number,
      reference: formatReference(prefix, now, number),
      subject: t.subject,
      categoryId: d.category_id,
      statusId: d.status_id,
      statusKind: 'new',
      urgency: t.urgency,
      impact: t.impact,
      priority: d.priority,
      channel: t.channel,
      requesterId: t.requesterId,
      organisationId: t.organisationId,
      groupId: t.groupId,
      assigneeId: t.assigneeId,
      createdAt: now,
      updatedAt: now,
      // Never before the opening instant: a caller's `now` read a moment earlier (a logged phone call) would put the
      // first response before the ticket opened, which the SLA clock refuses.
      firstResponseAt: t.firstResponseAt && t.firstResponseAt < now ? now : t.firstResponseAt,
      contractVersionId: d.contract_version_id,
    })
    .returning();
  await bindAttachments(tx, {
    attachmentIds: t.attachmentIds,
    uploaderId: t.authorId,
    ticketId: ticket!.id,
    articleId,
  });
  return { id: ticket!.id, reference: ticket!.reference, articleId, row: ticket! };
}
