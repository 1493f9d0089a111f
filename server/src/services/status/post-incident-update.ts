import { type Incident, PostIncidentUpdateInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { statusIncidentTickets } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { assertComponents } from './component-view.ts';
import { loadIncident, lockIncidentRow } from './incident-view.ts';
import { postStatusIncidentUpdate } from './post-status-incident-update.ts';

/**
 * An agent's update on an incident. With `postToTickets` the text also goes to every linked ticket as a public reply
 * (through the ordinary reply, so it is mailed, recorded and counts for the SLA like any reply), all in one
 * transaction with the update.
 */
export async function postIncidentUpdate({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Incident> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(PostIncidentUpdateInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const incident = await lockIncidentRow(tx, id);
    await assertComponents(
      tx,
      data.componentStates.map((c) => c.componentId),
    );
    await postStatusIncidentUpdate(ctx, tx, {
      incidentId: incident.id,
      status: data.status,
      body: data.body,
      ...(data.componentStates.length || data.status !== 'resolved' ? { componentStates: data.componentStates } : {}),
      at: now,
    });
    if (data.postToTickets) {
      const linked = await tx
        .select({ ticketId: statusIncidentTickets.ticketId })
        .from(statusIncidentTickets)
        .where(eq(statusIncidentTickets.incidentId, incident.id));
      // The reply service opens its own transaction; inside ours that is a savepoint, so all of it commits together.
      const inTx = { ...ctx, db: tx as unknown as Db };
      for (const { ticketId } of linked) {
        await replyToTicket({ ctx: inTx, id: ticketId, input: { body: `${incident.name}\n\n${data.body}` } });
      }
    }
    return loadIncident(tx, incident.id);
  });
}
