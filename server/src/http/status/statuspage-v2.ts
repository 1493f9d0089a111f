import { pageIndicator } from '../../domain/status/uptime.ts';
import type {
  SnapshotComponent,
  SnapshotIncident,
  SnapshotMaintenance,
  StatusSnapshot,
} from '../../services/status/load-status-snapshot.ts';

/**
 * The Statuspage v2 public API shapes (summary, status, components, incidents, scheduled maintenances), so existing
 * tools read our page. Field names follow Statuspage's; the page id is fixed, groups are components with
 * `group: true`, and `shortlink` points at our page.
 */
const PAGE_ID = 'loket';
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const DESCRIPTIONS = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
} as const;

export function v2Page(s: StatusSnapshot, baseUrl: string) {
  return { id: PAGE_ID, name: s.name, url: `${baseUrl}/status`, time_zone: 'Etc/UTC', updated_at: iso(s.updatedAt) };
}

export function v2Status(s: StatusSnapshot) {
  const indicator = pageIndicator(s.components.map((c) => c.state));
  return { indicator, description: DESCRIPTIONS[indicator] };
}

const v2Component = (c: SnapshotComponent) => ({
  id: c.id,
  name: c.name,
  status: c.state,
  created_at: iso(c.createdAt),
  updated_at: iso(c.updatedAt),
  position: c.position,
  description: c.description,
  showcase: true,
  start_date: null,
  group_id: c.groupId,
  page_id: PAGE_ID,
  group: false,
  only_show_if_degraded: false,
});

export function v2Components(s: StatusSnapshot) {
  const groups = s.groups.map((g) => {
    const members = s.components.filter((c) => c.groupId === g.id);
    const worst = pageIndicator(members.map((c) => c.state));
    const status = {
      none: 'operational',
      minor: 'degraded_performance',
      major: 'partial_outage',
      critical: 'major_outage',
      maintenance: 'under_maintenance',
    }[worst];
    return {
      id: g.id,
      name: g.name,
      status,
      created_at: iso(members[0]?.createdAt),
      updated_at: iso(members.reduce<Date | undefined>((a, c) => (!a || c.updatedAt > a ? c.updatedAt : a), undefined)),
      position: g.position,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: PAGE_ID,
      group: true,
      only_show_if_degraded: false,
      components: members.map((c) => c.id),
    };
  });
  return [...groups, ...s.components.map(v2Component)];
}

/** The components an incident or maintenance names, in page order (without building the groups for each one). */
function componentsOf(s: StatusSnapshot, ids: string[]) {
  return s.components.filter((c) => ids.includes(c.id)).map(v2Component);
}

function v2Incident(s: StatusSnapshot, i: SnapshotIncident, baseUrl: string) {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    monitoring_at: iso(i.monitoringAt),
    resolved_at: iso(i.resolvedAt),
    impact: i.impact,
    shortlink: `${baseUrl}/status#incident-${i.id}`,
    started_at: iso(i.startedAt),
    page_id: PAGE_ID,
    postmortem_body: i.postmortem,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: i.id,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.createdAt),
      affected_components: u.componentStates.length
        ? u.componentStates.map((c) => ({
            code: c.componentId,
            name: s.components.find((x) => x.id === c.componentId)?.name ?? '',
            new_status: c.state,
          }))
        : null,
      deliver_notifications: true,
    })),
    components: componentsOf(s, i.componentIds),
  };
}

function v2Maintenance(s: StatusSnapshot, m: SnapshotMaintenance, baseUrl: string) {
  return {
    id: m.id,
    name: m.name,
    status: m.status,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    monitoring_at: null,
    resolved_at: iso(m.completedAt),
    impact: 'maintenance',
    shortlink: `${baseUrl}/status#maintenance-${m.id}`,
    started_at: iso(m.startedAt ?? m.scheduledFor),
    page_id: PAGE_ID,
    incident_updates: m.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: m.id,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.createdAt),
      affected_components: null,
      deliver_notifications: true,
    })),
    components: componentsOf(s, m.componentIds),
    scheduled_for: iso(m.scheduledFor),
    scheduled_until: iso(m.scheduledUntil),
  };
}

export const V2_DOCUMENTS = {
  'summary.json': (s: StatusSnapshot, base: string) => ({
    page: v2Page(s, base),
    components: v2Components(s),
    incidents: s.incidents.filter((i) => i.status !== 'resolved').map((i) => v2Incident(s, i, base)),
    scheduled_maintenances: s.maintenances
      .filter((m) => m.status !== 'completed')
      .map((m) => v2Maintenance(s, m, base)),
    status: v2Status(s),
  }),
  'status.json': (s: StatusSnapshot, base: string) => ({ page: v2Page(s, base), status: v2Status(s) }),
  'components.json': (s: StatusSnapshot, base: string) => ({ page: v2Page(s, base), components: v2Components(s) }),
  'incidents.json': (s: StatusSnapshot, base: string) => ({
    page: v2Page(s, base),
    incidents: s.incidents.map((i) => v2Incident(s, i, base)),
  }),
  'incidents/unresolved.json': (s: StatusSnapshot, base: string) => ({
    page: v2Page(s, base),
    incidents: s.incidents.filter((i) => i.status !== 'resolved').map((i) => v2Incident(s, i, base)),
  }),
  'scheduled-maintenances.json': (s: StatusSnapshot, base: string) => ({
    page: v2Page(s, base),
    scheduled_maintenances: s.maintenances.map((m) => v2Maintenance(s, m, base)),
  }),
  'scheduled-maintenances/upcoming.json': (s: StatusSnapshot, base: string) => ({
    page: v2Page(s, base),
    scheduled_maintenances: s.maintenances
      .filter((m) => m.status === 'scheduled')
      .map((m) => v2Maintenance(s, m, base)),
  }),
  'scheduled-maintenances/active.json': (s: StatusSnapshot, base: string) => ({
    page: v2Page(s, base),
    scheduled_maintenances: s.maintenances
      .filter((m) => m.status === 'in_progress' || m.status === 'verifying')
      .map((m) => v2Maintenance(s, m, base)),
  }),
} as const;
