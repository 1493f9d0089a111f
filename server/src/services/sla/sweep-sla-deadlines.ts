import { and, asc, eq, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import { tickets } from '../../db/schema.ts';
import { type ServiceDeps, withActor } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { autoCloseIfDue } from '../tickets/auto-close-ticket.ts';
import { syncTicketSla } from './sync-ticket-sla.ts';

const BATCH = 200;
/** A ticket whose deadline cannot be handled (a failing calendar, say) is tried again this much later. */
const RETRY_AFTER_MS = 5 * 60_000;

export type SweepResult = { processed: number; closed: number; failed: number };

/**
 * Everything that has come due on tickets: SLA warnings and breaches (recorded once each, at their true instant,
 * however late the sweep runs — after downtime it catches up) and automatic closes. The tickets come from one
 * indexed query on tickets.next_deadline_at; each is then handled in its own transaction with its row locked, so a
 * sweep in another worker process, or a person changing the ticket, never handles it twice or loses a change.
 */
export async function sweepSlaDeadlines(deps: ServiceDeps, log?: Logger): Promise<SweepResult> {
  const ctx = withActor(deps, { kind: 'system' });
  const now = deps.clock.now();
  const result: SweepResult = { processed: 0, closed: 0, failed: 0 };
  const seen = new Set<string>();
  for (;;) {
    const due = await deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(lte(tickets.nextDeadlineAt, now))
      .orderBy(asc(tickets.nextDeadlineAt))
      .limit(BATCH);
    const fresh = due.filter((d) => !seen.has(d.id));
    if (fresh.length === 0) break;
    for (const { id } of fresh) {
      seen.add(id);
      try {
        const outcome = await deps.db.transaction(async (tx) => {
          const [row] = await tx
            .select()
            .from(tickets)
            .where(and(eq(tickets.id, id), lte(tickets.nextDeadlineAt, now)))
            .for('update', { skipLocked: true });
          if (!row) return 'skipped';
          if (await autoCloseIfDue(ctx, tx, row)) return 'closed';
          await syncTicketSla(ctx, tx, id);
          return 'synced';
        });
        if (outcome !== 'skipped') result.processed++;
        if (outcome === 'closed') result.closed++;
      } catch (error) {
        result.failed++;
        log?.error({ err: error, ticketId: id }, 'SLA deadline could not be handled; retrying later');
        await deps.db
          .update(tickets)
          .set({ nextDeadlineAt: new Date(now.getTime() + RETRY_AFTER_MS) })
          .where(eq(tickets.id, id));
      }
    }
    if (due.length < BATCH) break;
  }
  return result;
}

/** Seconds between sweeps: a warning or breach is recorded within about this long (plus polling) of its instant. */
export const SWEEP_INTERVAL_SECONDS = 2;

/** Enqueues the next sweep; with at most one waiting (queue policy), a second call while one waits does nothing. */
export async function scheduleNextSweep(deps: ServiceDeps, inSeconds = SWEEP_INTERVAL_SECONDS): Promise<void> {
  await deps.db.transaction((tx) => enqueue(deps, tx, 'sla.sweep', {}, { startAfter: inSeconds }));
}
