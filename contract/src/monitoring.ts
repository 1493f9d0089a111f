import { z } from 'zod';
import { Instant, Name } from './common.ts';
import { Level } from './enums.ts';
import { GroupId, TicketId } from './ids.ts';

export const MonitorId = z.uuid().brand<'MonitorId'>();
export type MonitorId = z.infer<typeof MonitorId>;

export const MonitorKind = z.enum(['http', 'tcp', 'dns', 'tls', 'heartbeat']);
export type MonitorKind = z.infer<typeof MonitorKind>;
export const MonitorState = z.enum(['up', 'down', 'pending', 'paused']);
export type MonitorState = z.infer<typeof MonitorState>;
export const DnsRecordType = z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT']);
export type DnsRecordType = z.infer<typeof DnsRecordType>;

/** What a check demands beyond reachability; each field applies to the kinds named. */
export const MonitorSettings = z.strictObject({
  /** http: accepted status codes; default any 2xx or 3xx. */
  expectedStatusCodes: z.array(z.number().int().min(100).max(599)).min(1).max(50).optional(),
  /** http: text the response body must contain. */
  keyword: z.string().min(1).max(500).optional(),
  /** http: a JSON path such as `$.status` or `$.checks[0].ok`, whose value must equal `jsonExpected`. */
  jsonPath: z
    .string()
    .regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, 'a path such as $.a.b[0].c')
    .max(300)
    .optional(),
  /** http: the expected value, compared as text (`true`, `42`, `ok`). */
  jsonExpected: z.string().max(500).optional(),
  /** http, tcp: slower than this is a failure. */
  maxResponseMs: z.number().int().min(1).max(120_000).optional(),
  /** dns: the record type to resolve; default A. */
  dnsRecordType: DnsRecordType.optional(),
  /** dns: a value one of the records must equal (case-insensitive); without it any answer passes. */
  dnsExpected: z.string().max(500).optional(),
  /** tls: fewer days left than this before the certificate expires is a failure; default 14. */
  tlsMinDaysLeft: z.number().int().min(0).max(365).optional(),
});
export type MonitorSettings = z.infer<typeof MonitorSettings>;

const monitorFields = {
  name: Name,
  kind: MonitorKind,
  /** http(s) URL; `host:port` for tcp and tls; a host name for dns; empty for a heartbeat. */
  target: z.string().trim().max(2000),
  intervalSeconds: z.number().int().min(10).max(86_400),
  timeoutMs: z.number().int().min(100).max(60_000),
  failuresBeforeDown: z.number().int().min(1).max(100),
  successesBeforeUp: z.number().int().min(1).max(100),
  /** A status page component whose state follows this monitor. */
  componentId: z.uuid().nullable(),
  urgency: Level,
  impact: Level,
  /** The group the incident ticket goes to (and is told of it). */
  groupId: GroupId.nullable(),
  /** Publish the drafted status incident at once, or hold it for an agent. */
  publishIncident: z.boolean(),
  /** heartbeat: silence longer than this is a failure. */
  heartbeatPeriodSeconds: z
    .number()
    .int()
    .min(10)
    .max(31 * 86_400)
    .nullable(),
  settings: MonitorSettings,
};

export const CreateMonitorInput = z.strictObject({
  name: monitorFields.name,
  kind: monitorFields.kind,
  target: monitorFields.target.default(''),
  intervalSeconds: monitorFields.intervalSeconds.default(60),
  timeoutMs: monitorFields.timeoutMs.default(10_000),
  failuresBeforeDown: monitorFields.failuresBeforeDown.default(3),
  successesBeforeUp: monitorFields.successesBeforeUp.default(1),
  componentId: monitorFields.componentId.optional(),
  urgency: monitorFields.urgency.default('high'),
  impact: monitorFields.impact.default('high'),
  groupId: monitorFields.groupId.optional(),
  publishIncident: monitorFields.publishIncident.default(false),
  heartbeatPeriodSeconds: monitorFields.heartbeatPeriodSeconds.optional(),
  settings: monitorFields.settings.default({}),
  /** Start paused: no checks until resumed. */
  paused: z.boolean().default(false),
});
export type CreateMonitorInput = z.infer<typeof CreateMonitorInput>;

export const UpdateMonitorInput = z.strictObject({
  name: monitorFields.name.optional(),
  target: monitorFields.target.optional(),
  intervalSeconds: monitorFields.intervalSeconds.optional(),
  timeoutMs: monitorFields.timeoutMs.optional(),
  failuresBeforeDown: monitorFields.failuresBeforeDown.optional(),
  successesBeforeUp: monitorFields.successesBeforeUp.optional(),
  componentId: monitorFields.componentId.optional(),
  urgency: monitorFields.urgency.optional(),
  impact: monitorFields.impact.optional(),
  groupId: monitorFields.groupId.optional(),
  publishIncident: monitorFields.publishIncident.optional(),
  heartbeatPeriodSeconds: monitorFields.heartbeatPeriodSeconds.optional(),
  settings: monitorFields.settings.optional(),
  /** A new heartbeat secret; the old URL stops working. */
  rotateHeartbeatSecret: z.boolean().optional(),
});
export type UpdateMonitorInput = z.infer<typeof UpdateMonitorInput>;

export const MonitorCheck = z.object({
  scheduledAt: Instant,
  checkedAt: Instant,
  ok: z.boolean(),
  latencyMs: z.number().int().nullable(),
  message: z.string(),
});
export type MonitorCheck = z.infer<typeof MonitorCheck>;

/** Share of successful checks, 0..1, from the rollups; null without checks in the window. */
export const MonitorUptime = z.object({ last24Hours: z.number().nullable(), last30Days: z.number().nullable() });
export type MonitorUptime = z.infer<typeof MonitorUptime>;

export const Monitor = z.object({
  id: MonitorId,
  ...monitorFields,
  state: MonitorState,
  consecutiveFailures: z.number().int(),
  consecutiveSuccesses: z.number().int(),
  stateChangedAt: Instant,
  nextCheckAt: Instant.nullable(),
  lastCheckedAt: Instant.nullable(),
  lastMessage: z.string().nullable(),
  lastHeartbeatAt: Instant.nullable(),
  openTicketId: TicketId.nullable(),
  openStatusIncidentId: z.uuid().nullable(),
  uptime: MonitorUptime,
  createdAt: Instant,
  updatedAt: Instant,
  /** Only in the answer that created it or rotated it: the heartbeat URL's secret, never shown again. */
  heartbeatSecret: z.string().optional(),
  /** Only in the answer that created it or rotated it: the URL a job calls (add `?status=fail` to report a failure). */
  heartbeatUrl: z.string().optional(),
});
export type Monitor = z.infer<typeof Monitor>;
export const MonitorDetail = Monitor.extend({ recentChecks: z.array(MonitorCheck) });
export type MonitorDetail = z.infer<typeof MonitorDetail>;
export const MonitorList = z.object({ items: z.array(Monitor) });
export type MonitorList = z.infer<typeof MonitorList>;

export const HeartbeatQuery = z.strictObject({ status: z.enum(['ok', 'fail']).default('ok') });
export type HeartbeatQuery = z.infer<typeof HeartbeatQuery>;
export const HeartbeatAnswer = z.object({ ok: z.literal(true) });
