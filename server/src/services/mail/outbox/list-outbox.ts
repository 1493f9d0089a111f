import { OutboxQuery, type OutboxPage } from '@loket/contract';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { outbox } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { outboxView } from './outbox-view.ts';

/** The outbox, newest first, a keyset page at a time; by status (e.g. `kept`, `failed`) or ticket. Admins only. */
export async function listOutbox({ ctx, query }: { ctx: ServiceContext; query: unknown }): Promise<OutboxPage> {
  requirePermission(ctx, 'outbox:read');
  const q = parseInput(OutboxQuery, query);
  const cursor = q.cursor ? decodeCursor(q.cursor, (v) => !Number.isNaN(Date.parse(v))) : undefined;
  const rows = await ctx.db
    .select()
    .from(outbox)
    .where(
      and(
        q.status ? eq(outbox.status, q.status) : undefined,
        q.ticketId ? eq(outbox.ticketId, q.ticketId) : undefined,
        cursor
          ? or(
              lt(outbox.createdAt, new Date(cursor.v)),
              and(eq(outbox.createdAt, new Date(cursor.v)), lt(outbox.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(outboxView),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
