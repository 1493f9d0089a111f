import type { Logger } from 'pino';
import { type ProbeResult, runProbe } from '../../adapters/monitor-checks.ts';
import { type MonitorRow, monitors } from '../../db/schema.ts';
import { heartbeatVerdict } from '../../domain/monitoring/heartbeat.ts';
import type { ServiceDeps } from '../context.ts';
import { inUuids } from '../shared/ids.ts';
import { recordCheckResult } from './record-check-result.ts';

export type MonitorCheckJob = { checks: { monitorId: string; scheduledAt: string }[] };

/**
 * A `monitor.check` job: the probes of its monitors run at the same time (they wait on the network, not on us), then
 * each result is recorded in its own transaction. Idempotent enough for at-least-once delivery: a repeated job adds
 * one more result, which the state machine treats like any other check.
 */
export async function runMonitorChecks(
  deps: ServiceDeps,
  input: MonitorCheckJob,
  log?: Logger,
): Promise<{ checked: number; failed: number }> {
  const rows = await deps.db
    .select()
    .from(monitors)
    .where(
      inUuids(
        monitors.id,
        input.checks.map((c) => c.monitorId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  let failed = 0;
  let checked = 0;
  await Promise.all(
    input.checks.map(async (check) => {
      const monitor = byId.get(check.monitorId);
      if (!monitor || monitor.state === 'paused') return;
      const result = await probe(deps, monitor);
      try {
        await recordCheckResult(deps, { monitorId: monitor.id, scheduledAt: new Date(check.scheduledAt), result });
        checked++;
        if (!result.ok) failed++;
      } catch (error) {
        // Not rethrown: a retry would check the job's other monitors twice. This one is checked again at its next slot.
        log?.error({ err: error, monitorId: monitor.id }, 'monitor result could not be recorded');
      }
    }),
  );
  return { checked, failed };
}

function probe(deps: ServiceDeps, monitor: MonitorRow): Promise<ProbeResult> {
  if (monitor.kind === 'heartbeat') {
    const verdict = heartbeatVerdict(
      {
        lastHeartbeatAt: monitor.lastHeartbeatAt,
        lastHeartbeatFailed: monitor.lastHeartbeatFailed,
        periodSeconds: monitor.heartbeatPeriodSeconds ?? monitor.intervalSeconds,
        since: monitor.stateChangedAt,
      },
      deps.clock.now(),
    );
    return Promise.resolve({ ...verdict, latencyMs: null });
  }
  return runProbe(
    { kind: monitor.kind, target: monitor.target, timeoutMs: monitor.timeoutMs, settings: monitor.settings },
    () => deps.clock.now(),
  );
}
