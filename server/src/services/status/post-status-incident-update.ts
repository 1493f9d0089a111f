import type { ComponentState, IncidentStatus } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { statusIncidentComponents, statusIncidentUpdates, statusIncidents } from '../../db/schema.ts';
import { conflict } from '../../domain/app-error.ts';
import type { ServiceDeps } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { lockIncidentRow } from './incident-view.ts';
import { tellLinkedRequesters } from './tell-linked-requesters.ts';
import { setComponentState } from './set-component-state.ts';
import { bumpStatusPage } from './status-page-version.ts';

export type PostStatusIncidentUpdateInput = {
  incidentId: string;
  status: IncidentStatus;
  body: string;
  componentStates?: { componentId: string; state: ComponentState }[];
  at: Date;
};

/**
 * Adds an update to an incident's timeline, in the caller's transaction, and applies the component states it names.
 * Resolving without naming states restores the incident's components to operational, and tells the requesters of
 * the linked tickets (one mail each, deduplicated by incident and ticket). A resolved incident takes no more
 * updates (409). A published incident's subscribers are notified by a job enqueued in the same transaction.
 */
export async function postStatusIncidentUpdate(
  deps: ServiceDeps,
  tx: Executor,
  input: PostStatusIncidentUpdateInput,
): Promise<void> {
  const incident = await lockIncidentRow(tx, input.incidentId);
  if (incident.status === 'resolved') throw conflict('This incident is resolved; open a new one');
  let componentStates = input.componentStates ?? [];
  if (input.status === 'resolved' && !input.componentStates) {
    const linked = await tx
      .select({ componentId: statusIncidentComponents.componentId })
      .from(statusIncidentComponents)
      .where(eq(statusIncidentComponents.incidentId, incident.id));
    componentStates = linked.map((c) => ({ componentId: c.componentId, state: 'operational' as const }));
  }
  const [update] = await tx
    .insert(statusIncidentUpdates)
    .values({ incidentId: incident.id, status: input.status, body: input.body, componentStates, createdAt: input.at })
    .returning({ id: statusIncidentUpdates.id });
  for (const change of componentStates) {
    await setComponentState(tx, { ...change, at: input.at, reason: `incident ${incident.id}` });
  }
  if (componentStates.length > 0) {
    await tx
      .insert(statusIncidentComponents)
      .values(componentStates.map((c) => ({ incidentId: incident.id, componentId: c.componentId })))
      .onConflictDoNothing();
  }
  await tx
    .update(statusIncidents)
    .set({
      status: input.status,
      updatedAt: input.at,
      ...(input.status === 'identified' && !incident.identifiedAt ? { identifiedAt: input.at } : {}),
      ...(input.status === 'monitoring' && !incident.monitoringAt ? { monitoringAt: input.at } : {}),
      ...(input.status === 'resolved' ? { resolvedAt: input.at } : {}),
    })
    .where(eq(statusIncidents.id, incident.id));
  await bumpStatusPage(tx, input.at);
  if (input.status === 'resolved') await tellLinkedRequesters(deps, tx, { incidentId: incident.id, body: input.body });
  if (incident.isPublished) await enqueue(deps, tx, 'status.notify', { incidentUpdateId: update!.id });
}
