import type { ComponentState, IncidentImpact } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type MonitorRow, statusComponents, statusIncidents } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { openStatusIncident } from '../status/open-status-incident.ts';
import { postStatusIncidentUpdate } from '../status/post-status-incident-update.ts';
import { setComponentState } from '../status/set-component-state.ts';

// The one place monitoring touches the status page (services/status): what a monitor going down or up does there.

/** How bad an outage looks on the status page, from the monitor's impact. */
const BY_IMPACT: Record<MonitorRow['impact'], { impact: IncidentImpact; state: ComponentState }> = {
  high: { impact: 'major', state: 'major_outage' },
  normal: { impact: 'minor', state: 'partial_outage' },
  low: { impact: 'minor', state: 'degraded_performance' },
};

/** The monitor's component, when it still exists (a deleted component leaves a dangling id behind, not a failure). */
async function existingComponent(tx: Executor, monitor: MonitorRow): Promise<string | null> {
  if (!monitor.componentId) return null;
  const [found] = await tx
    .select({ id: statusComponents.id })
    .from(statusComponents)
    .where(eq(statusComponents.id, monitor.componentId));
  return found?.id ?? null;
}

/**
 * DOWN: the component takes the outage state and a status incident is opened on it, linked to the incident ticket —
 * published at once or held as a draft for an agent, per monitor.
 */
export async function markMonitorDown(
  deps: ServiceDeps,
  tx: Executor,
  input: { monitor: MonitorRow; ticketId: string; message: string; at: Date },
): Promise<{ statusIncidentId: string }> {
  const { monitor, at } = input;
  const componentId = await existingComponent(tx, monitor);
  const look = BY_IMPACT[monitor.impact];
  if (componentId)
    await setComponentState(tx, { componentId, state: look.state, at, reason: `monitor ${monitor.name} down` });
  const { incidentId } = await openStatusIncident(deps, tx, {
    name: `${monitor.name} is unavailable`,
    impact: look.impact,
    body: `We are investigating a problem with ${monitor.name}.`,
    componentIds: componentId ? [componentId] : [],
    componentState: look.state,
    publish: monitor.publishIncident,
    at,
    ticketId: input.ticketId,
  });
  return { statusIncidentId: incidentId };
}

/**
 * UP: the status incident is resolved (which restores its components), or — when an agent resolved or removed it
 * meanwhile — the component is restored directly.
 */
export async function markMonitorUp(
  deps: ServiceDeps,
  tx: Executor,
  input: { monitor: MonitorRow; at: Date },
): Promise<void> {
  const { monitor, at } = input;
  const componentId = await existingComponent(tx, monitor);
  let resolved = false;
  if (monitor.openStatusIncidentId) {
    const [incident] = await tx
      .select({ status: statusIncidents.status })
      .from(statusIncidents)
      .where(eq(statusIncidents.id, monitor.openStatusIncidentId));
    if (incident && incident.status !== 'resolved') {
      await postStatusIncidentUpdate(deps, tx, {
        incidentId: monitor.openStatusIncidentId,
        status: 'resolved',
        body: `${monitor.name} is available again.`,
        ...(componentId ? { componentStates: [{ componentId, state: 'operational' as const }] } : {}),
        at,
      });
      resolved = true;
    }
  }
  if (componentId && !resolved) {
    await setComponentState(tx, { componentId, state: 'operational', at, reason: `monitor ${monitor.name} up` });
  }
}
