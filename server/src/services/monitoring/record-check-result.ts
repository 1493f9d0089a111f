import { eq } from 'drizzle-orm';
import type { ProbeResult } from '../../adapters/monitor-checks.ts';
import { monitorChecks, monitors } from '../../db/schema.ts';
import { applyCheckResult, type Transition } from '../../domain/monitoring/monitor-state.ts';
import type { ServiceDeps } from '../context.ts';
import { closeMonitorOutage } from './close-monitor-outage.ts';
import { openMonitorOutage } from './open-monitor-outage.ts';

/**
 * Stores one check's result and moves the monitor's state machine, in one transaction with the monitor row locked:
 * two results for the same monitor (two workers, a retried job) are applied one after the other, so a DOWN is
 * decided once and opens one ticket. The open ticket id on the row is the guard: while it is set no second ticket
 * opens, however the state moves. A paused or deleted monitor ignores results.
 */
export async function recordCheckResult(
  deps: ServiceDeps,
  input: { monitorId: string; scheduledAt: Date; result: ProbeResult },
): Promise<{ transition: Transition } | null> {
  return deps.db.transaction(async (tx) => {
    const [monitor] = await tx.select().from(monitors).where(eq(monitors.id, input.monitorId)).for('update');
    if (!monitor || monitor.state === 'paused') return null;
    const at = deps.clock.now();
    const { result } = input;
    await tx.insert(monitorChecks).values({
      monitorId: monitor.id,
      scheduledAt: input.scheduledAt,
      checkedAt: at,
      ok: result.ok,
      latencyMs: result.latencyMs,
      message: result.message,
    });
    const { next, transition } = applyCheckResult(monitor, result.ok, monitor);
    let { openTicketId, openStatusIncidentId } = monitor;
    if (transition?.to === 'down' && !openTicketId) {
      const opened = await openMonitorOutage(deps, tx, { monitor, message: result.message, at });
      openTicketId = opened.ticketId;
      openStatusIncidentId = opened.statusIncidentId;
    } else if (transition?.to === 'up' && transition.from === 'down') {
      await closeMonitorOutage(deps, tx, { monitor, message: result.message, at });
      openTicketId = null;
      openStatusIncidentId = null;
    }
    await tx
      .update(monitors)
      .set({
        ...next,
        ...(transition ? { stateChangedAt: at } : {}),
        openTicketId,
        openStatusIncidentId,
        lastCheckedAt: at,
        lastMessage: result.message,
        updatedAt: at,
      })
      .where(eq(monitors.id, monitor.id));
    return { transition };
  });
}
