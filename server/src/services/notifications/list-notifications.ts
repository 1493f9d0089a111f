import { ListNotificationsQuery, type Notification } from '@loket/contract';
import { type SQL, and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notifications, tickets } from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/ids.ts';

type Cursor = { at: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at)) && typeof c.id === 'string' && isUuid(c.id)) {
      return c;
    }
  } catch {
    // fall through
  }
  throw invalid('Invalid cursor');
}

export async function loadNotifications(tx: Executor, where: SQL | undefined, limit: number) {
  const rows = await tx
    .select({ n: notifications, reference: tickets.reference, subject: tickets.subject })
    .from(notifications)
    .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return rows.map(({ n, reference, subject }): Notification => ({
    id: n.id,
    kind: n.kind,
    ticket: { id: n.ticketId as Notification['ticket']['id'], reference, subject },
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  }));
}

/** The caller's own notifications, newest first; `unread=true` for the unread ones only. */
export async function listNotifications({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: unknown;
}): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const actor = requirePermission(ctx, 'notification:read');
  const q = parseInput(ListNotificationsQuery, query);
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await loadNotifications(
    ctx.db,
    and(
      eq(notifications.personId, actor.personId),
      q.unread ? isNull(notifications.readAt) : undefined,
      cursor
        ? or(
            lt(notifications.createdAt, new Date(cursor.at)),
            and(eq(notifications.createdAt, new Date(cursor.at)), lt(notifications.id, cursor.id)),
          )
        : undefined,
    ),
    q.limit + 1,
  );
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
