import type { ComponentState, IncidentImpact, IncidentStatus, MaintenanceStatus } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  contracts,
  statusComponentContracts,
  statusComponentGroups,
  statusComponentIntervals,
  statusComponents,
  statusIncidentComponents,
  statusIncidentUpdates,
  statusIncidents,
  statusMaintenanceComponents,
  statusMaintenanceUpdates,
  statusMaintenances,
  statusPageSettings,
} from '../../db/schema.ts';
import { type UptimeDay, uptimeByDay, uptimeOverall } from '../../domain/status/uptime.ts';

/** Whose page: the public one, one organisation's (public + components of its contracts), or everything (agents). */
export type StatusViewer = { kind: 'public' } | { kind: 'organisation'; organisationId: string } | { kind: 'all' };

export const UPTIME_DAYS = 90;

export type SnapshotComponent = {
  id: string;
  name: string;
  description: string | null;
  groupId: string | null;
  group: string | null;
  state: ComponentState;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  uptime: UptimeDay[];
  uptimePercent: number | null;
};
export type SnapshotIncident = {
  id: string;
  name: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  postmortem: string | null;
  startedAt: Date;
  identifiedAt: Date | null;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  componentIds: string[];
  updates: {
    id: string;
    status: IncidentStatus;
    body: string;
    createdAt: Date;
    componentStates: { componentId: string; state: ComponentState }[];
  }[];
};
export type SnapshotMaintenance = {
  id: string;
  name: string;
  body: string;
  status: MaintenanceStatus;
  scheduledFor: Date;
  scheduledUntil: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  componentIds: string[];
  updates: { id: string; status: MaintenanceStatus; body: string; createdAt: Date }[];
};
export type StatusSnapshot = {
  version: number;
  name: string;
  updatedAt: Date;
  generatedAt: Date;
  groups: { id: string; name: string; position: number }[];
  components: SnapshotComponent[];
  incidents: SnapshotIncident[];
  maintenances: SnapshotMaintenance[];
};

const d = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

/**
 * Everything a status page shows a viewer, in a handful of queries: components with their 90-day uptime, published
 * incidents of the last 90 days and every unresolved one, published maintenance. Only components the viewer may see
 * are loaded, and incidents and maintenance are kept only when they touch a visible component (or none at all), with
 * their component lists cut to the visible ones: another organisation's private components never appear.
 */
export async function loadStatusSnapshot(tx: Executor, viewer: StatusViewer, now: Date): Promise<StatusSnapshot> {
  const since = new Date(now.getTime() - UPTIME_DAYS * 86_400_000);
  const visible =
    viewer.kind === 'all'
      ? sql`TRUE`
      : viewer.kind === 'public'
        ? sql`c.is_public`
        : sql`(c.is_public OR EXISTS (SELECT 1 FROM ${statusComponentContracts} cc JOIN ${contracts} k ON k.id = cc.contract_id
            WHERE cc.component_id = c.id AND k.organisation_id = ${viewer.organisationId}::uuid))`;
  const [settings] = await queryRows<{ name: string; version: string | number; updated_at: string | Date }>(
    tx,
    sql`SELECT name, version, updated_at FROM ${statusPageSettings} WHERE id = 1`,
  );
  const components = await queryRows<{
    id: string;
    name: string;
    description: string | null;
    group_id: string | null;
    group_name: string | null;
    group_position: number | null;
    state: ComponentState;
    position: number;
    created_at: string | Date;
    updated_at: string | Date;
    intervals: { state: ComponentState; startedAt: string; endedAt: string | null }[] | null;
  }>(
    tx,
    sql`SELECT c.id, c.name, c.description, c.group_id, g.name AS group_name, g.position AS group_position, c.state,
        c.position, c.created_at, c.updated_at,
        (SELECT json_agg(json_build_object('state', i.state, 'startedAt', i.started_at, 'endedAt', i.ended_at))
          FROM ${statusComponentIntervals} i
          WHERE i.component_id = c.id AND (i.ended_at IS NULL OR i.ended_at > ${since.toISOString()}::timestamptz)) AS intervals
      FROM ${statusComponents} c LEFT JOIN ${statusComponentGroups} g ON g.id = c.group_id
      WHERE ${visible}
      ORDER BY g.position NULLS FIRST, g.name NULLS FIRST, c.position, c.name`,
  );
  const visibleIds = new Set(components.map((c) => c.id));
  const ids = [...visibleIds];
  const idArray = sql`${`{${ids.join(',')}}`}::uuid[]`;
  const incidents = await queryRows<{
    id: string;
    name: string;
    impact: IncidentImpact;
    status: IncidentStatus;
    postmortem: string | null;
    started_at: string | Date;
    identified_at: string | Date | null;
    monitoring_at: string | Date | null;
    resolved_at: string | Date | null;
    created_at: string | Date;
    updated_at: string | Date;
    component_ids: string[] | null;
    updates:
      | {
          id: string;
          status: IncidentStatus;
          body: string;
          createdAt: string;
          componentStates: { componentId: string; state: ComponentState }[];
        }[]
      | null;
  }>(
    tx,
    sql`SELECT i.id, i.name, i.impact, i.status, i.postmortem, i.started_at, i.identified_at, i.monitoring_at,
        i.resolved_at, i.created_at, i.updated_at,
        (SELECT array_agg(ic.component_id) FROM ${statusIncidentComponents} ic
          WHERE ic.incident_id = i.id AND ic.component_id = ANY(${idArray})) AS component_ids,
        (SELECT json_agg(json_build_object('id', u.id, 'status', u.status, 'body', u.body, 'createdAt', u.created_at,
            'componentStates', u.component_states) ORDER BY u.created_at DESC, u.id)
          FROM ${statusIncidentUpdates} u WHERE u.incident_id = i.id) AS updates
      FROM ${statusIncidents} i
      WHERE i.is_published AND (i.status <> 'resolved' OR i.resolved_at > ${since.toISOString()}::timestamptz)
        -- Shown only where one of the components it names is visible (or it names none), before the limit.
        AND (NOT EXISTS (SELECT 1 FROM ${statusIncidentComponents} ic WHERE ic.incident_id = i.id)
          OR EXISTS (SELECT 1 FROM ${statusIncidentComponents} ic
            WHERE ic.incident_id = i.id AND ic.component_id = ANY(${idArray})))
      ORDER BY i.started_at DESC LIMIT 500`,
  );
  const maintenances = await queryRows<{
    id: string;
    name: string;
    body: string;
    status: MaintenanceStatus;
    scheduled_for: string | Date;
    scheduled_until: string | Date;
    started_at: string | Date | null;
    completed_at: string | Date | null;
    created_at: string | Date;
    updated_at: string | Date;
    component_ids: string[] | null;
    updates: { id: string; status: MaintenanceStatus; body: string; createdAt: string }[] | null;
  }>(
    tx,
    sql`SELECT m.id, m.name, m.body, m.status, m.scheduled_for, m.scheduled_until, m.started_at, m.completed_at,
        m.created_at, m.updated_at,
        (SELECT array_agg(mc.component_id) FROM ${statusMaintenanceComponents} mc
          WHERE mc.maintenance_id = m.id AND mc.component_id = ANY(${idArray})) AS component_ids,
        (SELECT json_agg(json_build_object('id', u.id, 'status', u.status, 'body', u.body, 'createdAt', u.created_at)
            ORDER BY u.created_at DESC, u.id)
          FROM ${statusMaintenanceUpdates} u WHERE u.maintenance_id = m.id) AS updates
      FROM ${statusMaintenances} m
      WHERE m.is_published AND (m.status <> 'completed' OR m.scheduled_until > ${since.toISOString()}::timestamptz)
        AND (NOT EXISTS (SELECT 1 FROM ${statusMaintenanceComponents} mc WHERE mc.maintenance_id = m.id)
          OR EXISTS (SELECT 1 FROM ${statusMaintenanceComponents} mc
            WHERE mc.maintenance_id = m.id AND mc.component_id = ANY(${idArray})))
      ORDER BY m.scheduled_for DESC LIMIT 500`,
  );
  const groups = new Map<string, { id: string; name: string; position: number }>();
  for (const c of components) {
    if (c.group_id && !groups.has(c.group_id)) {
      groups.set(c.group_id, { id: c.group_id, name: c.group_name!, position: c.group_position ?? 0 });
    }
  }
  return {
    version: settings ? Number(settings.version) : 0,
    name: settings?.name ?? 'Service status',
    updatedAt: settings ? new Date(settings.updated_at) : new Date(0),
    generatedAt: now,
    groups: [...groups.values()],
    components: components.map((c) => {
      const intervals = (c.intervals ?? []).map((i) => ({
        state: i.state,
        startedAt: new Date(i.startedAt),
        endedAt: d(i.endedAt),
      }));
      return {
        id: c.id,
        name: c.name,
        description: c.description,
        groupId: c.group_id,
        group: c.group_name,
        state: c.state,
        position: c.position,
        createdAt: new Date(c.created_at),
        updatedAt: new Date(c.updated_at),
        uptime: uptimeByDay(intervals, now, UPTIME_DAYS),
        uptimePercent: uptimeOverall(intervals, now, UPTIME_DAYS),
      };
    }),
    incidents: incidents.map((i) => ({
      id: i.id,
      name: i.name,
      impact: i.impact,
      status: i.status,
      postmortem: i.postmortem,
      startedAt: new Date(i.started_at),
      identifiedAt: d(i.identified_at),
      monitoringAt: d(i.monitoring_at),
      resolvedAt: d(i.resolved_at),
      createdAt: new Date(i.created_at),
      updatedAt: new Date(i.updated_at),
      componentIds: i.component_ids ?? [],
      updates: (i.updates ?? []).map((u) => ({
        ...u,
        createdAt: new Date(u.createdAt),
        componentStates: (u.componentStates ?? []).filter((s) => visibleIds.has(s.componentId)),
      })),
    })),
    maintenances: maintenances.map((m) => ({
      id: m.id,
      name: m.name,
      body: m.body,
      status: m.status,
      scheduledFor: new Date(m.scheduled_for),
      scheduledUntil: new Date(m.scheduled_until),
      startedAt: d(m.started_at),
      completedAt: d(m.completed_at),
      createdAt: new Date(m.created_at),
      updatedAt: new Date(m.updated_at),
      componentIds: m.component_ids ?? [],
      updates: (m.updates ?? []).map((u) => ({ ...u, createdAt: new Date(u.createdAt) })),
    })),
  };
}
