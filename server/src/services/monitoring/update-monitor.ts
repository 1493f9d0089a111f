import { type Monitor, UpdateMonitorInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { monitors } from '../../db/schema.ts';
import { nextCheckAfter, phaseFor } from '../../domain/monitoring/check-schedule.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import {
  MONITOR_NAME_MESSAGES,
  assertValidMonitor,
  getMonitorRow,
  heartbeatUrlOf,
  newHeartbeatSecret,
} from './monitor-rules.ts';
import { monitorWithUptime } from './monitor-view.ts';

/**
 * An administrator changes a monitor. A new interval moves it to a new slot; the state and its counters stay (new
 * thresholds apply from the next result). `rotateHeartbeatSecret` answers with the new URL, shown this once.
 */
export async function updateMonitor({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Monitor> {
  requirePermission(ctx, 'monitor:write');
  const data = parseInput(UpdateMonitorInput, input);
  const now = ctx.clock.now();
  let secret: string | undefined;
  const row = await conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const current = await getMonitorRow(tx, id, true);
        const { rotateHeartbeatSecret, ...fields } = data;
        const merged = { ...current, ...fields };
        await assertValidMonitor(tx, merged);
        const rescheduled =
          data.intervalSeconds !== undefined &&
          data.intervalSeconds !== current.intervalSeconds &&
          current.state !== 'paused';
        const phaseMs = phaseFor(current.id, merged.intervalSeconds);
        let heartbeatSecretHash = current.heartbeatSecretHash;
        if (rotateHeartbeatSecret && current.kind === 'heartbeat') {
          const fresh = newHeartbeatSecret();
          secret = fresh.secret;
          heartbeatSecretHash = fresh.hash;
        }
        const [updated] = await tx
          .update(monitors)
          .set({
            ...fields,
            phaseMs,
            heartbeatSecretHash,
            ...(rescheduled ? { nextCheckAt: nextCheckAfter(now, merged.intervalSeconds, phaseMs) } : {}),
            updatedAt: now,
          })
          .where(eq(monitors.id, current.id))
          .returning();
        return updated!;
      }),
    MONITOR_NAME_MESSAGES,
  );
  const view = await monitorWithUptime(ctx.db, row, now, ctx.actor);
  return secret
    ? { ...view, heartbeatSecret: secret, heartbeatUrl: heartbeatUrlOf(ctx.config.publicUrl, secret) }
    : view;
}
