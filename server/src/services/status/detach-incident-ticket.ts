import type { Incident } from '@loket/contract';
import { and, eq } from 'drizzle-orm';
import { statusIncidentTickets } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/cursor.ts';
import { loadIncident } from './incident-view.ts';

export async function detachIncidentTicket({
  ctx,
  id,
  ticketId,
}: {
  ctx: ServiceContext;
  id: string;
  ticketId: string;
}): Promise<Incident> {
  requirePermission(ctx, 'status:write');
  if (!isUuid(ticketId)) throw notFound('Ticket not linked');
  return ctx.db.transaction(async (tx) => {
    const incident = await loadIncident(tx, id);
    const removed = await tx
      .delete(statusIncidentTickets)
      .where(
        and(
          eq(statusIncidentTickets.incidentId, incident.id),
          eq(statusIncidentTickets.ticketId, ticketId.toLowerCase()),
        ),
      )
      .returning();
    if (removed.length === 0) throw notFound('Ticket not linked');
    return loadIncident(tx, incident.id);
  });
}
