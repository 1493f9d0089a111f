import { InboundMessageQuery, type InboundMessagePage } from '@loket/contract';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { inboundMessages } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { toInboundMessage } from './inbound-message-view.ts';

const isInstant = (v: string) => !Number.isNaN(Date.parse(v));

/** Received messages, newest first, a page at a time; `status=quarantined` is the quarantine. */
export async function listInboundMessages({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: unknown;
}): Promise<InboundMessagePage> {
  requirePermission(ctx, 'inbound:manage');
  const q = parseInput(InboundMessageQuery, query);
  const cursor = q.cursor ? decodeCursor(q.cursor, isInstant) : undefined;
  const at = cursor ? new Date(cursor.v) : undefined;
  const rows = await ctx.db
    .select()
    .from(inboundMessages)
    .where(
      and(
        q.status ? eq(inboundMessages.status, q.status) : undefined,
        q.mailboxId ? eq(inboundMessages.mailboxId, q.mailboxId) : undefined,
        cursor && at
          ? or(
              lt(inboundMessages.receivedAt, at),
              and(eq(inboundMessages.receivedAt, at), lt(inboundMessages.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toInboundMessage),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}
