import type { RouteDef } from './route.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { authRoutes } from './routes/auth.ts';
import { contractRoutes } from './routes/contracts.ts';
import { eventRoutes } from './routes/events.ts';
import { groupRoutes } from './routes/groups.ts';
import { inboundMessageRoutes } from './routes/inbound-messages.ts';
import { mailboxRoutes } from './routes/mailboxes.ts';
import { mailTemplateRoutes } from './routes/mail-templates.ts';
import { monitorRoutes } from './routes/monitors.ts';
import { statusRoutes } from './routes/status.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { peopleRoutes } from './routes/people.ts';
import { portalRoutes } from './routes/portal.ts';
import { referenceDataRoutes } from './routes/reference-data.ts';
import { savedFilterRoutes } from './routes/saved-filters.ts';
import { slaRoutes } from './routes/sla.ts';
import { systemRoutes } from './routes/system.ts';
import { taskRoutes } from './routes/tasks.ts';
import { ticketRoutes } from './routes/tickets.ts';

/** Every API route. Registration, the OpenAPI document and the isolation tests are all generated from this list. */
export const ROUTES: readonly RouteDef[] = [
  ...systemRoutes,
  ...authRoutes,
  ...ticketRoutes,
  ...taskRoutes,
  ...attachmentRoutes,
  ...notificationRoutes,
  ...organisationRoutes,
  ...peopleRoutes,
  ...groupRoutes,
  ...referenceDataRoutes,
  ...slaRoutes,
  ...contractRoutes,
  ...mailboxRoutes,
  ...inboundMessageRoutes,
  ...outboxRoutes,
  ...mailTemplateRoutes,
  ...savedFilterRoutes,
  ...eventRoutes,
  ...monitorRoutes,
  ...statusRoutes,
  ...portalRoutes,
];
