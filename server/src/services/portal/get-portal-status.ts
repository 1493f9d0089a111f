import type { PortalStatus } from '@loket/contract';
import { pageIndicator } from '../../domain/status/uptime.ts';
import type { ServiceContext } from '../context.ts';
import { getMyStatusView } from '../status/get-my-status-view.ts';

/**
 * The caller's status view as JSON for the portal: the same snapshot as `/status/mine` (public components and those
 * of their organisation's contracts, never another organisation's), reduced to what the portal shows.
 */
export async function getPortalStatus({ ctx }: { ctx: ServiceContext }): Promise<PortalStatus> {
  const { snapshot: s } = await getMyStatusView(ctx);
  return {
    indicator: pageIndicator(s.components.map((c) => c.state)),
    updatedAt: s.updatedAt.toISOString(),
    components: s.components.map((c) => ({ id: c.id, name: c.name, group: c.group, state: c.state })),
    incidents: s.incidents
      .filter((i) => i.status !== 'resolved')
      .map((i) => ({
        id: i.id,
        name: i.name,
        impact: i.impact,
        status: i.status,
        startedAt: i.startedAt.toISOString(),
        components: i.componentIds,
        updates: i.updates.map((u) => ({ status: u.status, body: u.body, createdAt: u.createdAt.toISOString() })),
      })),
    maintenances: s.maintenances
      .filter((m) => m.status !== 'completed')
      .map((m) => ({
        id: m.id,
        name: m.name,
        body: m.body,
        status: m.status,
        scheduledFor: m.scheduledFor.toISOString(),
        scheduledUntil: m.scheduledUntil.toISOString(),
        components: m.componentIds,
      })),
  };
}
