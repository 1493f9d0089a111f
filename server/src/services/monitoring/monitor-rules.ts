import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { groups, type MonitorRow, monitors } from '../../db/schema.ts';
import { invalid, notFound } from '../../domain/app-error.ts';
import { targetProblem } from '../../domain/monitoring/monitor-target.ts';
import { isUuid } from '../shared/ids.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';

// What the monitor verbs share: validation of a monitor as a whole, the row lookup, and heartbeat secrets.

export const MONITOR_NAME_MESSAGES = { monitors_name_key: 'A monitor with this name exists' };

/** The target and kind-specific fields checked together, after a create or a change is merged. */
export async function assertValidMonitor(
  tx: Executor,
  m: Pick<MonitorRow, 'kind' | 'target' | 'heartbeatPeriodSeconds' | 'groupId' | 'settings'>,
): Promise<void> {
  const problem = targetProblem(m.kind, m.target, m.heartbeatPeriodSeconds);
  if (problem) throw invalid(problem, [{ path: 'target', message: problem }]);
  if (m.settings.jsonExpected !== undefined && m.settings.jsonPath === undefined) {
    throw invalid('jsonExpected needs jsonPath', [
      { path: 'settings.jsonPath', message: 'required with jsonExpected' },
    ]);
  }
  if (m.groupId) {
    const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, m.groupId));
    if (!group) throw invalid('Unknown group', [{ path: 'groupId', message: 'no such group' }]);
  }
}

export async function getMonitorRow(tx: Executor, id: string, lock = false): Promise<MonitorRow> {
  if (!isUuid(id)) throw notFound('Monitor not found');
  const query = tx.select().from(monitors).where(eq(monitors.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Monitor not found');
  return row;
}

/** A heartbeat URL's secret; only its hash is stored, and calls are matched by hash (no comparison of secrets). */
export function newHeartbeatSecret(): { secret: string; hash: string } {
  const secret = newSecret('hb_');
  return { secret, hash: sha256(secret) };
}

export const heartbeatUrlOf = (publicUrl: string, secret: string) =>
  `${publicUrl}/api/v1/heartbeats/${encodeURIComponent(secret)}`;
