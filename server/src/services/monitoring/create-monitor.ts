import { CreateMonitorInput, type Monitor } from '@loket/contract';
import { randomUUID } from 'node:crypto';
import { monitors } from '../../db/schema.ts';
import { nextCheckAfter, phaseFor } from '../../domain/monitoring/check-schedule.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { MONITOR_NAME_MESSAGES, assertValidMonitor, heartbeatUrlOf, newHeartbeatSecret } from './monitor-rules.ts';
import { toMonitor } from './monitor-view.ts';

/**
 * An administrator adds a monitor. Its first check is at its first slot (a hash of its id into the interval); a
 * heartbeat answers with its secret URL, shown this once. Internal and loopback targets are allowed: only admins
 * create monitors, and watching internal services is their purpose.
 */
export async function createMonitor({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Monitor> {
  requirePermission(ctx, 'monitor:write');
  const data = parseInput(CreateMonitorInput, input);
  const now = ctx.clock.now();
  const id = randomUUID();
  const phaseMs = phaseFor(id, data.intervalSeconds);
  const heartbeat = data.kind === 'heartbeat' ? newHeartbeatSecret() : null;
  const values = {
    id,
    name: data.name,
    kind: data.kind,
    target: data.target,
    settings: data.settings,
    intervalSeconds: data.intervalSeconds,
    timeoutMs: data.timeoutMs,
    failuresBeforeDown: data.failuresBeforeDown,
    successesBeforeUp: data.successesBeforeUp,
    phaseMs,
    componentId: data.componentId ?? null,
    urgency: data.urgency,
    impact: data.impact,
    groupId: data.groupId ?? null,
    publishIncident: data.publishIncident,
    heartbeatSecretHash: heartbeat?.hash ?? null,
    heartbeatPeriodSeconds: data.kind === 'heartbeat' ? (data.heartbeatPeriodSeconds ?? null) : null,
    state: data.paused ? ('paused' as const) : ('pending' as const),
    stateChangedAt: now,
    nextCheckAt: data.paused ? null : nextCheckAfter(now, data.intervalSeconds, phaseMs),
    createdAt: now,
    updatedAt: now,
  };
  const row = await conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        await assertValidMonitor(tx, values);
        const [inserted] = await tx.insert(monitors).values(values).returning();
        return inserted!;
      }),
    MONITOR_NAME_MESSAGES,
  );
  const view = toMonitor(row, undefined, ctx.actor);
  return heartbeat
    ? {
        ...view,
        heartbeatSecret: heartbeat.secret,
        heartbeatUrl: heartbeatUrlOf(ctx.config.publicUrl, heartbeat.secret),
      }
    : view;
}
