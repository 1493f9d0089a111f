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
  /**
   * Fans a status page change (an incident or maintenance update) out to its subscribers: one outbox mail per
   * confirmed e-mail subscriber, one `status.webhook` per webhook. Idempotent: mails and deliveries carry a key.
   */
  'status.notify': z.union([z.object({ incidentUpdateId: z.uuid() }), z.object({ maintenanceUpdateId: z.uuid() })]),
  /** Calls one webhook with its stored, signed payload. Idempotent: a delivered row is not sent again. */
  'status.webhook': z.object({ deliveryId: z.uuid() }),
  /**
   * Every few seconds (each run enqueues the next; a schedule restarts the chain): claims the monitors whose check is
   * due and enqueues `monitor.check` jobs for them. At most one queued and one running (queue policy `stately`).
   */
  'monitor.tick': z.object({}),
  /**
   * Runs up to 25 monitors' checks at once and records each result. At least once is harmless: a repeated job adds
   * one more result, and a DOWN opens one ticket (guarded by the monitor row's open ticket id, under its lock).
   */
  'monitor.check': z.object({
    checks: z
      .array(z.object({ monitorId: z.uuid(), scheduledAt: z.iso.datetime({ offset: true }) }))
      .min(1)
      .max(100),
  }),
  /** Every 5 minutes: hourly and daily rollups of check results, and the purge of expired results. Idempotent. */
  'monitor.rollup': z.object({}),
} as const;
export type JobName = keyof typeof JOBS;

/** How often a failed job is tried again (after its first attempt), and the first delay; the delay doubles. */
export const RETRIES = Object.fromEntries(
  (Object.keys(JOBS) as JobName[]).map((name) => [name, { limit: 5, delaySeconds: 5 }]),
) as Record<JobName, { limit: number; delaySeconds: number }>;
// A mail server may be away for hours: 30 s, 1 min, 2 min … about 8.5 hours in all before a mail is given up.
RETRIES['mail.send'] = { limit: 10, delaySeconds: 30 };
// A webhook receiver may be down for a while: 30 s, 1 min, 2 min … about 4 hours before a delivery is given up.
RETRIES['status.webhook'] = { limit: 9, delaySeconds: 30 };
// A check that fails to record is checked again at its next slot; retrying a tick or check later only adds lag.
RETRIES['monitor.tick'] = { limit: 0, delaySeconds: 1 };
RETRIES['monitor.check'] = { limit: 1, delaySeconds: 1 };
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
