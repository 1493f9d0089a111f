import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { ServiceDeps } from '../context.ts';

/** Raw check results are kept this long; the rollups keep the history. */
export const CHECK_RETENTION_DAYS = 7;
/** Hourly rollups are kept this long (the status page's 90 days); daily rollups are kept. */
export const HOURLY_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Every few minutes: recomputes the hourly rollups from the raw results since the last complete hour it wrote
 * (catching up after downtime, never further back than the raw results go), the daily rollups from the hourly ones,
 * then deletes raw results and hourly rollups past their retention. Idempotent: rollups are recomputed, not added to.
 */
export async function rollUpMonitorChecks(deps: ServiceDeps): Promise<{ hours: number; days: number; purged: number }> {
  const now = deps.clock.now();
  const rawFrom = new Date(now.getTime() - CHECK_RETENTION_DAYS * DAY_MS).toISOString();
  const at = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const [from] = await queryRows<{ from: Date | string }>(
      tx,
      sql`SELECT greatest(
          coalesce((SELECT max(starts_at) FROM monitor_rollups WHERE period = 'hour'), ${rawFrom}::timestamptz),
          date_trunc('hour', ${rawFrom}::timestamptz, 'UTC')) AS "from"`,
    );
    const hourFrom = new Date(from!.from).toISOString();
    const hours = await queryRows<{ n: number }>(
      tx,
      sql`INSERT INTO monitor_rollups (monitor_id, period, starts_at, checks, failures, latency_ms_sum, latency_ms_max)
        SELECT monitor_id, 'hour', date_trunc('hour', checked_at, 'UTC'), count(*), count(*) FILTER (WHERE NOT ok),
          coalesce(sum(latency_ms), 0), coalesce(max(latency_ms), 0)
        FROM monitor_checks WHERE checked_at >= ${hourFrom}::timestamptz AND checked_at <= ${at}::timestamptz
        GROUP BY monitor_id, date_trunc('hour', checked_at, 'UTC')
        ON CONFLICT (monitor_id, period, starts_at) DO UPDATE SET checks = excluded.checks,
          failures = excluded.failures, latency_ms_sum = excluded.latency_ms_sum, latency_ms_max = excluded.latency_ms_max
        RETURNING 1 AS n`,
    );
    const days = await queryRows<{ n: number }>(
      tx,
      sql`INSERT INTO monitor_rollups (monitor_id, period, starts_at, checks, failures, latency_ms_sum, latency_ms_max)
        SELECT monitor_id, 'day', date_trunc('day', starts_at, 'UTC'), sum(checks), sum(failures),
          sum(latency_ms_sum), max(latency_ms_max)
        FROM monitor_rollups WHERE period = 'hour' AND starts_at >= date_trunc('day', ${hourFrom}::timestamptz, 'UTC')
        GROUP BY monitor_id, date_trunc('day', starts_at, 'UTC')
        ON CONFLICT (monitor_id, period, starts_at) DO UPDATE SET checks = excluded.checks,
          failures = excluded.failures, latency_ms_sum = excluded.latency_ms_sum, latency_ms_max = excluded.latency_ms_max
        RETURNING 1 AS n`,
    );
    const purged = await queryRows<{ n: number }>(
      tx,
      sql`DELETE FROM monitor_checks WHERE checked_at < ${rawFrom}::timestamptz RETURNING 1 AS n`,
    );
    await tx.execute(
      sql`DELETE FROM monitor_rollups WHERE period = 'hour'
        AND starts_at < ${new Date(now.getTime() - HOURLY_RETENTION_DAYS * DAY_MS).toISOString()}::timestamptz`,
    );
    return { hours: hours.length, days: days.length, purged: purged.length };
  });
}
