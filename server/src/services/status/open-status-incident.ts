import type { ComponentState, IncidentImpact } from '@loket/contract';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  statusComponents,
  statusIncidentComponents,
  statusIncidentTickets,
  statusIncidentUpdates,
  statusIncidents,
} from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import type { ServiceDeps } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { setComponentState } from './set-component-state.ts';
import { bumpStatusPage } from './status-page-version.ts';

export type OpenStatusIncidentInput = {
  name: string;
  impact: IncidentImpact;
  body: string;
  componentIds: string[];
  componentState: ComponentState;
  publish: boolean;
  at: Date;
  ticketId?: string;
};

/**
 * Opens an incident (status investigating) with its first update, in the caller's transaction: the named components
 * take `componentState`, the ticket (if any) is linked, and a published incident's subscribers are notified by a job
 * enqueued in the same transaction. A draft (`publish: false`) is seen by agents only until it is published.
 */
export async function openStatusIncident(
  deps: ServiceDeps,
  tx: Executor,
  input: OpenStatusIncidentInput,
): Promise<{ incidentId: string }> {
  const componentIds = [...new Set(input.componentIds)];
  if (componentIds.length > 0) {
    const found = await tx
      .select({ id: statusComponents.id })
      .from(statusComponents)
      .where(inArray(statusComponents.id, componentIds));
    if (found.length !== componentIds.length) {
      const known = new Set(found.map((c) => c.id));
      throw invalid('Unknown components', [
        { path: 'componentIds', message: `no such component: ${componentIds.filter((c) => !known.has(c)).join(', ')}` },
      ]);
    }
  }
  const [incident] = await tx
    .insert(statusIncidents)
    .values({
      name: input.name,
      impact: input.impact,
      status: 'investigating',
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
    .values({ incidentId, status: 'investigating', body: input.body, componentStates, createdAt: input.at })
    .returning({ id: statusIncidentUpdates.id });
  for (const change of componentStates) {
    await setComponentState(deps, tx, { ...change, at: input.at, reason: `incident ${incidentId}` });
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
