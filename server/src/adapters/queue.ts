import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite } from 'pg-boss';
import type { Database, Executor } from '../db/client.ts';

export type SendOptions = {
  singletonKey?: string;
  /** An instant, or a number of seconds from now by the database's clock (not the application's). */
  startAfter?: Date | number;
  retryLimit?: number;
};

/** The job queue as services see it: a send that joins the caller's transaction. */
export type JobQueue = {
  send(name: string, data: object, options: SendOptions, tx: Executor): Promise<void>;
};

export type Boss = PgBoss;
export type { JobResult } from 'pg-boss';

/**
 * pg-boss on the same database as everything else: on PGlite through its adapter, on PostgreSQL with its own pool.
 * Jobs are rows, so an enqueue inside a transaction commits or rolls back with the change that caused it.
 */
export function createBoss(database: Database, options: { runWorkers: boolean }): PgBoss {
  const common = {
    schema: 'pgboss',
    supervise: options.runWorkers,
    schedule: options.runWorkers,
    migrate: true,
    // How often a live process looks for jobs whose worker died (no heartbeat, see HEARTBEAT_SECONDS in
    // jobs/workers.ts) and hands them out again: pg-boss checks each queue at most once per monitor interval.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
  };
  if (database.kind === 'pglite') return new PgBoss({ ...common, db: fromPglite(database.pglite) });
  return new PgBoss({ ...common, connectionString: database.url, max: 4 });
}

export function bossQueue(boss: PgBoss): JobQueue {
  return {
    async send(name, data, options, tx) {
      await boss.send(name, data, {
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
        ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
        db: fromDrizzle(tx as never, sql as never),
      });
    },
  };
}
