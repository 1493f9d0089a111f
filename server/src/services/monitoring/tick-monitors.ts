import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { ServiceDeps } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';

/** Monitors claimed per statement, and per `monitor.check` job (whose checks run at the same time). */
const CLAIM_BATCH = 1000;
export const CHECKS_PER_JOB = 25;

/**
 * Hands out the checks that have come due: claims the monitors whose next_check_at has passed (FOR UPDATE SKIP
 * LOCKED, so a tick in another process takes other rows), moves each to its next slot (domain/monitoring/
 * check-schedule.ts, the same arithmetic in SQL) and enqueues `monitor.check` jobs of up to CHECKS_PER_JOB in the
 * same transaction: a claimed check is never lost, and never handed out twice. A worker that was away skips the
 * slots it missed rather than firing them all.
 */
export async function tickMonitors(deps: ServiceDeps): Promise<{ claimed: number; jobs: number }> {
  const now = deps.clock.now();
  let claimed = 0;
  let jobs = 0;
  for (;;) {
    const batch = await deps.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string; due_at: Date | string }>(
        tx,
        sql`WITH due AS (
            SELECT id, next_check_at FROM monitors
            WHERE next_check_at <= ${now.toISOString()}::timestamptz
            ORDER BY next_check_at LIMIT ${CLAIM_BATCH} FOR UPDATE SKIP LOCKED)
          UPDATE monitors m SET next_check_at = to_timestamp((
              (floor((extract(epoch FROM ${now.toISOString()}::timestamptz) * 1000 - m.phase_ms)
                / (m.interval_seconds * 1000.0)) + 1) * m.interval_seconds * 1000.0 + m.phase_ms) / 1000.0)
          FROM due WHERE m.id = due.id
          RETURNING m.id, due.next_check_at AS due_at`,
      );
      for (let i = 0; i < rows.length; i += CHECKS_PER_JOB) {
        const checks = rows.slice(i, i + CHECKS_PER_JOB).map((r) => ({
          monitorId: r.id,
          scheduledAt: new Date(r.due_at).toISOString(),
        }));
        await enqueue(deps, tx, 'monitor.check', { checks });
        jobs++;
      }
      return rows.length;
    });
    claimed += batch;
    if (batch < CLAIM_BATCH) break;
  }
  return { claimed, jobs };
}

/** Seconds between ticks: a check starts within about this long (plus queue polling) of its slot. */
export const TICK_INTERVAL_SECONDS = 2;

/** Enqueues the next tick; with at most one waiting (queue policy `stately`), a second call while one waits does nothing. */
export async function scheduleNextMonitorTick(deps: ServiceDeps, inSeconds = TICK_INTERVAL_SECONDS): Promise<void> {
  await deps.db.transaction((tx) => enqueue(deps, tx, 'monitor.tick', {}, { startAfter: inSeconds }));
}
