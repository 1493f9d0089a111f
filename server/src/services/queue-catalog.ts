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
  /**
   * Every few seconds (each run enqueues the next; a schedule restarts the chain): SLA warnings, breaches and
   * automatic closes that have come due. Idempotent: each alert is recorded once by a unique key, a close only
   * happens to a ticket still resolved. At most one queued and one running (queue policy `stately`).
   */
  'sla.sweep': z.object({}),
  /** Replays open tickets' clocks after a calendar or contract change, a batch a job. Idempotent: a recompute. */
  'sla.replay': z.union([
    z.object({ calendarId: z.uuid(), after: z.uuid().optional() }),
    z.object({ contractId: z.uuid(), after: z.uuid().optional() }),
  ]),
  /** Parses and files one stored inbound message. Idempotent: the message's status says whether it was done. */
  'mail.process': z.object({ inboundId: z.uuid() }),
  /** Sends one outbox row through SMTP_URL. Idempotent: a row already sent is not sent again. */
  'mail.send': z.union([
    z.object({ outboxId: z.uuid() }),
    // the mails one change wrote for several people (agent notifications), sent by one job
    z.object({ outboxIds: z.array(z.uuid()).min(1).max(200) }),
  ]),
  /** Imports what is new in an IMAP mailbox since its UID checkpoint. Idempotent: one row per message key. */
  'mail.imap-sync': z.object({ mailboxId: z.uuid() }),
  /** Every minute: a `mail.imap-sync` for each active IMAP mailbox (catch-up beside the IDLE watchers). Idempotent. */
  'mail.imap-poll': z.object({}),
} as const;
export type JobName = keyof typeof JOBS;

/** How often a failed job is tried again (after its first attempt), and the first delay; the delay doubles. */
export const RETRIES = Object.fromEntries(
  (Object.keys(JOBS) as JobName[]).map((name) => [name, { limit: 5, delaySeconds: 5 }]),
) as Record<JobName, { limit: number; delaySeconds: number }>;
// A mail server may be away for hours: 30 s, 1 min, 2 min … about 8.5 hours in all before a mail is given up.
RETRIES['mail.send'] = { limit: 10, delaySeconds: 30 };
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
