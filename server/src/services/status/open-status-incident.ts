import type { ComponentState, IncidentImpact, IncidentStatus } from '@loket/contract';
import type { Executor } from '../../db/client.ts';
import {
  statusIncidentComponents,
  statusIncidentTickets,
  statusIncidentUpdates,
  statusIncidents,
} from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { assertComponents } from './component-view.ts';
import { setComponentState } from './set-component-state.ts';
import { bumpStatusPage } from './status-page-version.ts';

export type OpenStatusIncidentInput = {
  name: string;
  impact: IncidentImpact;
  /** Where the incident starts: investigating unless already further along (e.g. identified at once). */
  status?: Exclude<IncidentStatus, 'resolved'>;
  body: string;
  componentIds: string[];
  componentState: ComponentState;
  publish: boolean;
  at: Date;
  ticketId?: string;
};

/**
 * Opens an incident (status investigating, or the one given) with its first update, in the caller's transaction: the named components
 * take `componentState`, the ticket (if any) is linked, and a published incident's subscribers are notified by a job
 * enqueued in the same transaction. A draft (`publish: false`) is seen by agents only until it is published.
 */
export async function openStatusIncident(
  deps: ServiceDeps,
  tx: Executor,
  input: OpenStatusIncidentInput,
): Promise<{ incidentId: string }> {
  const componentIds = [...new Set(input.componentIds)];
  const status = input.status ?? 'investigating';
  await assertComponents(tx, componentIds);
  const [incident] = await tx
    .insert(statusIncidents)
    .values({
      name: input.name,
      impact: input.impact,
      status,
      isPublished: input.publish,
      startedAt: input.at,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .returning({ id: statusIncidents.id });
  const incidentId = incident!.id;
  if (componentIds.length > 0) {
    await tx.insert(statusIncidentComponents).values(componentIds.map((componentId) => ({ incidentId, componentId })));
  }
  const componentStates = componentIds.map((componentId) => ({ componentId, state: input.componentState }));
  const [update] = await tx
    .insert(statusIncidentUpdates)
    .values({ incidentId, status, body: input.body, componentStates, createdAt: input.at })
    .returning({ id: statusIncidentUpdates.id });
  for (const change of componentStates) {
    await setComponentState(tx, { ...change, at: input.at, reason: `incident ${incidentId}` });
  }
  if (input.ticketId) {
    await tx
      .insert(statusIncidentTickets)
      .values({ incidentId, ticketId: input.ticketId, createdAt: input.at })
      .onConflictDoNothing();
  }
  await bumpStatusPage(tx, input.at);
  if (input.publish) await enqueue(deps, tx, 'status.notify', { incidentUpdateId: update!.id });
  return { incidentId };
}
