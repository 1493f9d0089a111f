import type { Notification } from '@loket/contract';
import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadNotifications } from './list-notifications.ts';
import { isUuid } from '../shared/ids.ts';

/** Marks one of the caller's notifications read; marking it again keeps the first instant. Someone else's: not found. */
export async function markNotificationRead({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Notification> {
  const actor = requirePermission(ctx, 'notification:read');
  if (!isUuid(id)) throw notFound('Notification not found');
  const mine = and(eq(notifications.id, id.toLowerCase()), eq(notifications.personId, actor.personId));
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(mine, isNull(notifications.readAt)));
  const [notification] = await loadNotifications(ctx.db, mine, 1);
  if (!notification) throw notFound('Notification not found');
  return notification;
}
