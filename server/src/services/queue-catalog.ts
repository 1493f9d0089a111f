import { z } from 'zod';
import type { SendOptions } from '../adapters/queue.ts';
import type { Executor } from '../db/client.ts';
import type { ServiceDeps } from './context.ts';

/**
 * Every job Loket runs, with its input. Queues deliver at least once, so each handler makes its side effect
 * idempotent by a key stated here (and enforced by a unique index where it writes).
 */
export const JOBS = {
  /** Fans a ticket event out to the agents concerned. Idempotent by (person, event). */
  'ticket.notify': z.object({ eventId: z.number().int() }),
  /** Hourly: expired sessions, old login failures and idempotency records, unused uploads. Idempotent by nature. */
  'maintenance.purge': z.object({}),
} as const;
export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = z.infer<(typeof JOBS)[N]>;

/** Enqueue inside the caller's transaction: the job exists if and only if the change committed. */
export async function enqueue<N extends JobName>(
  deps: ServiceDeps,
  tx: Executor,
  name: N,
  input: JobInput<N>,
  options: SendOptions = {},
): Promise<void> {
  await deps.queue.send(name, JOBS[name].parse(input), options, tx);
}
