import {
  statusComponentContracts,
  statusComponentGroups,
  statusComponents,
  statusIncidentComponents,
  statusIncidents,
  statusMaintenanceComponents,
  statusMaintenances,
  statusSubscriptions,
} from '../src/db/schema.ts';
import type { Harness } from './harness.ts';

/** A component group, a private component serving a contract, a draft incident, maintenance and a subscription. */
export async function makeStatusFixtures(h: Harness, tag: string, contractId: string) {
  const now = h.clock.now();
  const [group] = await h.deps.db
    .insert(statusComponentGroups)
    .values({ name: `${tag}-COMPONENT-GROUP`, createdAt: now })
    .returning();
  const [component] = await h.deps.db
    .insert(statusComponents)
    .values({
      name: `${tag}-COMPONENT`,
      groupId: group!.id,
      isPublic: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await h.deps.db.insert(statusComponentContracts).values({ componentId: component!.id, contractId });
  const [incident] = await h.deps.db
    .insert(statusIncidents)
    .values({
      name: `${tag}-INCIDENT`,
      impact: 'minor',
      status: 'investigating',
      isPublished: true,
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await h.deps.db.insert(statusIncidentComponents).values({ incidentId: incident!.id, componentId: component!.id });
  const [maintenance] = await h.deps.db
    .insert(statusMaintenances)
    .values({
      name: `${tag}-MAINTENANCE`,
      status: 'scheduled',
      scheduledFor: new Date(now.getTime() + 86_400_000),
      scheduledUntil: new Date(now.getTime() + 90_000_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  // On the private component: maintenance naming no component concerns everyone and is shown to all.
  await h.deps.db
    .insert(statusMaintenanceComponents)
    .values({ maintenanceId: maintenance!.id, componentId: component!.id });
  const [subscription] = await h.deps.db
    .insert(statusSubscriptions)
    .values({
      kind: 'email',
      email: `${tag.toLowerCase()}-subscriber@example.com`,
      unsubscribeTokenHash: `${tag}-hash`,
      createdAt: now,
    })
    .returning();
  return {
    group: group!.id,
    component: component!.id,
    incident: incident!.id,
    maintenance: maintenance!.id,
    subscription: subscription!.id,
  };
}
