import type {
  Component,
  ComponentGroup,
  ComponentGroupList,
  ComponentList,
  ComponentState,
  ContractList,
  CreateComponentGroupInput,
  CreateComponentInput,
  CreateIncidentInput,
  CreateMaintenanceInput,
  CreateMonitorInput,
  GroupList,
  Incident,
  IncidentImpact,
  IncidentList,
  ListIncidentsQuery,
  Maintenance,
  MaintenanceList,
  MaintenanceStatus,
  Monitor,
  MonitorDetail,
  MonitorKind,
  MonitorList,
  MonitorState,
  PostIncidentUpdateInput,
  UpdateComponentGroupInput,
  UpdateComponentInput,
  UpdateIncidentInput,
  UpdateMonitorInput,
} from '@loket/contract';
import { api } from '../lib/api-client.ts';

// Status page and monitoring calls, typed by the contract and made through the shared client's `request`.
const id = (value: string) => encodeURIComponent(value);

export const statusApi = {
  listComponents: () => api.request<ComponentList>('GET', '/components'),
  createComponent: (input: Partial<CreateComponentInput> & { name: string }) =>
    api.request<Component>('POST', '/components', { body: input }),
  updateComponent: (componentId: string, input: UpdateComponentInput) =>
    api.request<Component>('PATCH', `/components/${id(componentId)}`, { body: input }),
  deleteComponent: (componentId: string) => api.request<void>('DELETE', `/components/${id(componentId)}`),
  linkContract: (componentId: string, contractId: string) =>
    api.request<Component>('POST', `/components/${id(componentId)}/contracts`, { body: { contractId } }),
  unlinkContract: (componentId: string, contractId: string) =>
    api.request<Component>('DELETE', `/components/${id(componentId)}/contracts/${id(contractId)}`),
  listGroups: () => api.request<ComponentGroupList>('GET', '/component-groups'),
  createGroup: (input: CreateComponentGroupInput) =>
    api.request<ComponentGroup>('POST', '/component-groups', { body: input }),
  updateGroup: (groupId: string, input: UpdateComponentGroupInput) =>
    api.request<ComponentGroup>('PATCH', `/component-groups/${id(groupId)}`, { body: input }),
  deleteGroup: (groupId: string) => api.request<void>('DELETE', `/component-groups/${id(groupId)}`),
  listIncidents: (query: Partial<ListIncidentsQuery> = {}) => api.request<IncidentList>('GET', '/incidents', { query }),
  getIncident: (incidentId: string) => api.request<Incident>('GET', `/incidents/${id(incidentId)}`),
  createIncident: (input: Partial<CreateIncidentInput> & { name: string; body: string }) =>
    api.request<Incident>('POST', '/incidents', { body: input }),
  updateIncident: (incidentId: string, input: UpdateIncidentInput) =>
    api.request<Incident>('PATCH', `/incidents/${id(incidentId)}`, { body: input }),
  postIncidentUpdate: (
    incidentId: string,
    input: Partial<PostIncidentUpdateInput> & Pick<PostIncidentUpdateInput, 'status' | 'body'>,
  ) => api.request<Incident>('POST', `/incidents/${id(incidentId)}/updates`, { body: input }),
  attachTicket: (incidentId: string, ticketId: string) =>
    api.request<Incident>('POST', `/incidents/${id(incidentId)}/tickets`, { body: { ticketId } }),
  detachTicket: (incidentId: string, ticketId: string) =>
    api.request<Incident>('DELETE', `/incidents/${id(incidentId)}/tickets/${id(ticketId)}`),
  listMaintenances: () => api.request<MaintenanceList>('GET', '/maintenances'),
  createMaintenance: (
    input: Partial<CreateMaintenanceInput> & Pick<CreateMaintenanceInput, 'name' | 'scheduledFor' | 'scheduledUntil'>,
  ) => api.request<Maintenance>('POST', '/maintenances', { body: input }),
  stepMaintenance: (maintenanceId: string, status: MaintenanceStatus, body = '') =>
    api.request<Maintenance>('POST', `/maintenances/${id(maintenanceId)}/steps`, { body: { status, body } }),
  deleteMaintenance: (maintenanceId: string) => api.request<void>('DELETE', `/maintenances/${id(maintenanceId)}`),
  listMonitors: () => api.request<MonitorList>('GET', '/monitors'),
  getMonitor: (monitorId: string) => api.request<MonitorDetail>('GET', `/monitors/${id(monitorId)}`),
  createMonitor: (input: Partial<CreateMonitorInput> & Pick<CreateMonitorInput, 'name' | 'kind'>) =>
    api.request<Monitor>('POST', '/monitors', { body: input }),
  updateMonitor: (monitorId: string, input: UpdateMonitorInput) =>
    api.request<Monitor>('PATCH', `/monitors/${id(monitorId)}`, { body: input }),
  deleteMonitor: (monitorId: string) => api.request<void>('DELETE', `/monitors/${id(monitorId)}`),
  pauseMonitor: (monitorId: string) => api.request<Monitor>('POST', `/monitors/${id(monitorId)}/pause`),
  resumeMonitor: (monitorId: string) => api.request<Monitor>('POST', `/monitors/${id(monitorId)}/resume`),
  listContracts: () => api.request<ContractList>('GET', '/contracts'),
  listTicketGroups: () => api.request<GroupList>('GET', '/groups'),
};

export const STATUS_KEYS = {
  components: ['components'] as const,
  groups: ['component-groups'] as const,
  incidents: ['incidents'] as const,
  incident: (incidentId: string) => ['incidents', 'one', incidentId] as const,
  maintenances: ['maintenances'] as const,
  monitors: ['monitors'] as const,
  monitor: (monitorId: string) => ['monitors', 'one', monitorId] as const,
  contracts: ['contracts'] as const,
  ticketGroups: ['groups'] as const,
};

// Filled badge colours that keep 4.5:1 with their automatic text colour (as in ui/ticket-badges.tsx).
export const COMPONENT_STATE_COLOR: Record<ComponentState, string> = {
  operational: 'teal.9',
  degraded_performance: 'yellow.4',
  partial_outage: 'orange.4',
  major_outage: 'red.9',
  under_maintenance: 'blue.8',
};
export const IMPACT_COLOR: Record<IncidentImpact, string> = {
  none: 'gray.7',
  minor: 'yellow.4',
  major: 'orange.4',
  critical: 'red.9',
};
export const MONITOR_STATE_COLOR: Record<MonitorState, string> = {
  up: 'teal.9',
  down: 'red.9',
  pending: 'blue.8',
  paused: 'gray.7',
};

/** An uptime share (0..1) as a percentage with two decimals in the locale, or null without checks. */
export function formatUptime(share: number | null, locale: string): string | null {
  if (share === null) return null;
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    Math.floor(share * 10_000) / 10_000,
  );
}

/** What the target field means for each kind of monitor (a heartbeat has none: it is called instead). */
export const TARGET_HINT: Record<MonitorKind, 'url' | 'hostPort' | 'host' | null> = {
  http: 'url',
  tcp: 'hostPort',
  tls: 'hostPort',
  dns: 'host',
  heartbeat: null,
};

export type MonitorFormState = {
  name: string;
  kind: MonitorKind;
  target: string;
  intervalSeconds: number;
  timeoutMs: number;
  failuresBeforeDown: number;
  successesBeforeUp: number;
  componentId: string | null;
  groupId: string | null;
  urgency: 'high' | 'normal' | 'low';
  impact: 'high' | 'normal' | 'low';
  publishIncident: boolean;
  heartbeatPeriodSeconds: number;
  expectedStatusCodes: string;
  keyword: string;
  jsonPath: string;
  jsonExpected: string;
  maxResponseMs: number | null;
  dnsRecordType: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT';
  dnsExpected: string;
  tlsMinDaysLeft: number;
};

export const emptyMonitorForm = (): MonitorFormState => ({
  name: '',
  kind: 'http',
  target: '',
  intervalSeconds: 60,
  timeoutMs: 10_000,
  failuresBeforeDown: 3,
  successesBeforeUp: 1,
  componentId: null,
  groupId: null,
  urgency: 'high',
  impact: 'high',
  publishIncident: false,
  heartbeatPeriodSeconds: 3600,
  expectedStatusCodes: '',
  keyword: '',
  jsonPath: '',
  jsonExpected: '',
  maxResponseMs: null,
  dnsRecordType: 'A',
  dnsExpected: '',
  tlsMinDaysLeft: 14,
});

export function monitorFormFor(monitor: Monitor): MonitorFormState {
  const s = monitor.settings;
  return {
    ...emptyMonitorForm(),
    name: monitor.name,
    kind: monitor.kind,
    target: monitor.target,
    intervalSeconds: monitor.intervalSeconds,
    timeoutMs: monitor.timeoutMs,
    failuresBeforeDown: monitor.failuresBeforeDown,
    successesBeforeUp: monitor.successesBeforeUp,
    componentId: monitor.componentId,
    groupId: monitor.groupId,
    urgency: monitor.urgency,
    impact: monitor.impact,
    publishIncident: monitor.publishIncident,
    heartbeatPeriodSeconds: monitor.heartbeatPeriodSeconds ?? 3600,
    expectedStatusCodes: s.expectedStatusCodes?.join(', ') ?? '',
    keyword: s.keyword ?? '',
    jsonPath: s.jsonPath ?? '',
    jsonExpected: s.jsonExpected ?? '',
    maxResponseMs: s.maxResponseMs ?? null,
    dnsRecordType: s.dnsRecordType ?? 'A',
    dnsExpected: s.dnsExpected ?? '',
    tlsMinDaysLeft: s.tlsMinDaysLeft ?? 14,
  };
}

/**
 * The monitor fields a form sends: the common ones, plus only the settings that apply to its kind (the server keeps
 * what it is sent, so an HTTP keyword does not linger on a TCP monitor). Status codes are typed as `200, 204`.
 */
export function monitorInput(form: MonitorFormState) {
  const settings: CreateMonitorInput['settings'] = {};
  if (form.kind === 'http') {
    const codes = form.expectedStatusCodes
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n));
    if (codes.length) settings.expectedStatusCodes = codes;
    if (form.keyword.trim()) settings.keyword = form.keyword.trim();
    if (form.jsonPath.trim()) {
      settings.jsonPath = form.jsonPath.trim();
      settings.jsonExpected = form.jsonExpected;
    }
  }
  if ((form.kind === 'http' || form.kind === 'tcp') && form.maxResponseMs) settings.maxResponseMs = form.maxResponseMs;
  if (form.kind === 'dns') {
    settings.dnsRecordType = form.dnsRecordType;
    if (form.dnsExpected.trim()) settings.dnsExpected = form.dnsExpected.trim();
  }
  if (form.kind === 'tls') settings.tlsMinDaysLeft = form.tlsMinDaysLeft;
  return {
    name: form.name.trim(),
    target: form.kind === 'heartbeat' ? '' : form.target.trim(),
    intervalSeconds: form.intervalSeconds,
    timeoutMs: form.timeoutMs,
    failuresBeforeDown: form.failuresBeforeDown,
    successesBeforeUp: form.successesBeforeUp,
    componentId: form.componentId,
    groupId: form.groupId as CreateMonitorInput['groupId'] | null,
    urgency: form.urgency,
    impact: form.impact,
    publishIncident: form.publishIncident,
    heartbeatPeriodSeconds: form.kind === 'heartbeat' ? form.heartbeatPeriodSeconds : null,
    settings,
  };
}

/** A `datetime-local` value (the viewer's wall clock) as an instant, or null when empty or invalid. */
export function localInputToInstant(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
