import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type MonitorRow, tickets } from '../../db/schema.ts';
import { type ServiceDeps, withActor } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { defaultStatusOfKind } from '../shared/reference-lookup.ts';
import { moveToStatus, writeArticle } from '../tickets/ticket-writes.ts';
import { monitoringActor } from './monitoring-actor.ts';
import { markMonitorUp } from './status-effects.ts';

/**
 * A monitor came back UP: in the caller's transaction, an internal note on the incident ticket saying so and for how
 * long it was down, the ticket moved to the desk's resolved status (unless an agent resolved or closed it already),
 * and the status page restored. The note is internal because the requester is the monitoring person itself: there
 * is no customer to answer; agents who linked customer tickets tell them through the status incident.
 */
export async function closeMonitorOutage(
  deps: ServiceDeps,
  tx: Executor,
  input: { monitor: MonitorRow; message: string; at: Date },
): Promise<void> {
  const { monitor, message, at } = input;
  if (monitor.openTicketId) {
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, monitor.openTicketId)).for('update');
    if (row && !row.mergedIntoId && row.statusKind !== 'closed') {
      const actor = await monitoringActor(tx, at);
      const ctx = withActor(deps, actor);
      const downMinutes = Math.max(0, Math.round((at.getTime() - monitor.stateChangedAt.getTime()) / 60_000));
      const note = await writeArticle(ctx, tx, {
        ticketId: row.id,
        author: actor,
        kind: 'note',
        body: `Monitor ${monitor.name} is up again after about ${downMinutes} minute(s) down.\n\nLast result: ${message}`,
        channel: 'monitoring',
      });
      await recordTicketEvent(ctx, tx, {
        ticketId: row.id,
        kind: 'note_added',
        data: { articleId: note.id, monitorId: monitor.id },
        isInternal: true,
      });
      if (row.statusKind !== 'resolved') {
        const to = await defaultStatusOfKind(tx, 'resolved');
        const moved = await moveToStatus(ctx, tx, row, to);
        // Internal: the requester is the monitoring person, so no "your ticket was resolved" mail goes anywhere.
        await recordTicketEvent(ctx, tx, {
          ticketId: row.id,
          kind: 'status_changed',
          changes: moved.changes,
          data: { monitorId: monitor.id, automatic: true },
          isInternal: true,
        });
      }
    }
  }
  await markMonitorUp(deps, tx, { monitor, at });
}
