import { type Incident, IncidentTicketInput } from '@loket/contract';
import { statusIncidentTickets } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadIncident } from './incident-view.ts';

/** Links a customer ticket to an incident: it may receive the incident's updates, and hears of its resolution. */
export async function attachIncidentTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Incident> {
  const actor = requirePermission(ctx, 'status:write');
  const data = parseInput(IncidentTicketInput, input);
  return ctx.db.transaction(async (tx) => {
    const incident = await loadIncident(tx, id);
    const ticket = await getTicketRowForActor(tx, actor, data.ticketId);
    await tx
      .insert(statusIncidentTickets)
      .values({ incidentId: incident.id, ticketId: ticket.id, createdAt: ctx.clock.now() })
      .onConflictDoNothing();
    return loadIncident(tx, incident.id);
  });
}
