import { CreateIncidentInput, type Incident } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { statusIncidents, statusIncidentTickets } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadIncident } from './incident-view.ts';
import { openStatusIncident } from './open-status-incident.ts';
import { postStatusIncidentUpdate } from './post-status-incident-update.ts';

/** Opens an incident from the API: its components take the state given, tickets named are linked. */
export async function createIncident({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Incident> {
  const actor = requirePermission(ctx, 'status:write');
  const data = parseInput(CreateIncidentInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const ticketIds: string[] = [];
    for (const ticketId of new Set(data.ticketIds))
      ticketIds.push((await getTicketRowForActor(tx, actor, ticketId)).id);
    // One first update, so subscribers hear of a new incident once. An incident recorded as already resolved opens
    // as investigating and is resolved at once (restoring its components); it is published with the resolution.
    const resolved = data.status === 'resolved';
    const { incidentId } = await openStatusIncident(ctx, tx, {
      name: data.name,
      impact: data.impact,
      status: data.status === 'resolved' ? 'investigating' : data.status,
      body: data.body,
      componentIds: data.componentIds,
      componentState: data.componentState,
      publish: data.publish && !resolved,
      at: now,
    });
    if (ticketIds.length) {
      await tx
        .insert(statusIncidentTickets)
        .values(ticketIds.map((ticketId) => ({ incidentId, ticketId, createdAt: now })));
    }
    if (resolved) {
      if (data.publish)
        await tx.update(statusIncidents).set({ isPublished: true }).where(eq(statusIncidents.id, incidentId));
      await postStatusIncidentUpdate(ctx, tx, {
        incidentId,
        status: 'resolved',
        body: data.body,
        componentStates: [],
        at: now,
      });
    }
    return loadIncident(tx, incidentId);
  });
}
