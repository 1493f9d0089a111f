import { ListNotificationsQuery, Notification, Page } from '@loket/contract';
import { listNotifications } from '../../services/notifications/list-notifications.ts';
import { markNotificationRead } from '../../services/notifications/mark-notification-read.ts';
import { route } from '../route.ts';

export const notificationRoutes = [
  route({
    method: 'GET',
    url: '/notifications',
    summary: 'Your notifications, newest first (`unread=true` for the unread ones only)',
    tag: 'Notifications',
    access: 'agent',
    query: ListNotificationsQuery,
    response: Page(Notification),
    handler: ({ ctx, query }) => listNotifications({ ctx, query }),
  }),
  route({
    method: 'POST',
    url: '/notifications/:id/read',
    summary: 'Mark one of your notifications read',
    tag: 'Notifications',
    access: 'agent',
    params: { id: 'notification' },
    response: Notification,
    handler: ({ ctx, params }) => markNotificationRead({ ctx, id: params.id! }),
  }),
];
