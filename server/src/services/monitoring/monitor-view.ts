import type { Monitor, MonitorCheck } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type MonitorCheckRow, type MonitorRow, monitorRollups } from '../../db/schema.ts';
import { roleCan } from '../../domain/permissions.ts';
import type { Actor } from '../context.ts';
import { inUuids } from '../shared/ids.ts';

export type Uptime = Monitor['uptime'];
const EMPTY: Uptime = { last24Hours: null, last30Days: null };

/** Uptime over 24 hours (hourly rollups) and 30 days (daily rollups) for the monitors named, in one query. */
export async function loadUptime(tx: Executor, monitorIds: string[], now: Date): Promise<Map<string, Uptime>> {
  const result = new Map<string, Uptime>();
  if (monitorIds.length === 0) return result;
  const day = new Date(now.getTime() - 86_400_000).toISOString();
  const month = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const rows = await queryRows<{
    monitor_id: string;
    period: string;
    checks: string | number;
    failures: string | number;
  }>(
    tx,
    sql`SELECT monitor_id, period, sum(checks) AS checks, sum(failures) AS failures FROM monitor_rollups
      WHERE ${inUuids(monitorRollups.monitorId, monitorIds)} AND ((period = 'hour' AND starts_at >= date_trunc('hour', ${day}::timestamptz, 'UTC'))
        OR (period = 'day' AND starts_at >= date_trunc('day', ${month}::timestamptz, 'UTC')))
      GROUP BY monitor_id, period`,
  );
  for (const row of rows) {
    const uptime = { ...(result.get(row.monitor_id) ?? EMPTY) };
    const checks = Number(row.checks);
    const share = checks > 0 ? (checks - Number(row.failures)) / checks : null;
    if (row.period === 'hour') uptime.last24Hours = share;
    else uptime.last30Days = share;
    result.set(row.monitor_id, uptime);
  }
  return result;
}

/** One monitor as `viewer` sees it, with its uptime: what a verb that changed or read one monitor answers. */
export async function monitorWithUptime(tx: Executor, row: MonitorRow, now: Date, viewer: Actor): Promise<Monitor> {
  return toMonitor(row, (await loadUptime(tx, [row.id], now)).get(row.id), viewer);
}

/**
 * A monitor's target as someone who may not edit monitors sees it: an admin may have put a secret in it (an API key
 * in the query string, a user and password), so query values and user information are masked, the rest kept.
 */
export function maskTarget(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target; // host:port or a host name: nothing secret in it
  }
  if (url.username) url.username = '***';
  if (url.password) url.password = '***';
  if (url.search) {
    url.search = [...url.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=***`).join('&');
  }
  if (url.hash) url.hash = '';
  return url.href;
}

/** The view of a monitor for `viewer`: its target in full only to those who may edit monitors (admins). */
export function toMonitor(row: MonitorRow, uptime: Uptime | undefined, viewer: Actor): Monitor {
  const mayEdit = viewer.kind === 'person' && roleCan(viewer.role, 'monitor:write');
  return {
    id: row.id as Monitor['id'],
    name: row.name,
    kind: row.kind,
    target: mayEdit ? row.target : maskTarget(row.target),
    intervalSeconds: row.intervalSeconds,
    timeoutMs: row.timeoutMs,
    failuresBeforeDown: row.failuresBeforeDown,
    successesBeforeUp: row.successesBeforeUp,
    componentId: row.componentId,
    urgency: row.urgency,
    impact: row.impact,
    groupId: row.groupId as Monitor['groupId'],
    publishIncident: row.publishIncident,
    heartbeatPeriodSeconds: row.heartbeatPeriodSeconds,
    settings: row.settings,
    state: row.state,
    consecutiveFailures: row.consecutiveFailures,
    consecutiveSuccesses: row.consecutiveSuccesses,
    stateChangedAt: row.stateChangedAt.toISOString(),
    nextCheckAt: row.nextCheckAt?.toISOString() ?? null,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastMessage: row.lastMessage,
    lastHeartbeatAt: row.lastHeartbeatAt?.toISOString() ?? null,
    openTicketId: row.openTicketId as Monitor['openTicketId'],
    openStatusIncidentId: row.openStatusIncidentId,
    uptime: uptime ?? EMPTY,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const toMonitorCheck = (row: MonitorCheckRow): MonitorCheck => ({
  scheduledAt: row.scheduledAt.toISOString(),
  checkedAt: row.checkedAt.toISOString(),
  ok: row.ok,
  latencyMs: row.latencyMs,
  message: row.message,
});
