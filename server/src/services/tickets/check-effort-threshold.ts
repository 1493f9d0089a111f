import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type TicketRow, contractVersions, ticketTasks, timeEntries } from '../../db/schema.ts';
import { effortThresholdReached } from '../../domain/sla/clock.ts';
import { DEFAULT_EFFORT_THRESHOLD_MINUTES } from '../../domain/sla/contracts.ts';
import { type ServiceContext, withActor } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';

/**
 * Once the work logged on a ticket (billable or not) reaches its contract's effort threshold — 4 hours when the
 * ticket runs under no contract — the customer should be called: one task for the ticket's assignee, once per
 * ticket. Runs inside the caller's transaction, after its time entry is written. The event is the system's, not
 * the logger's, so the person who logged the time is told too. Returns the new task's id, or null.
 */
export async function checkEffortThreshold(
  ctx: ServiceContext,
  tx: Executor,
  ticket: TicketRow,
): Promise<string | null> {
  const [logged] = await tx
    .select({ minutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int` })
    .from(timeEntries)
    .where(eq(timeEntries.ticketId, ticket.id));
  const loggedMinutes = Number(logged?.minutes ?? 0);
  const thresholdMinutes = await thresholdOf(tx, ticket.contractVersionId);
  if (!effortThresholdReached(loggedMinutes, { effortThresholdMinutes: thresholdMinutes })) return null;

  const [task] = await tx
    .insert(ticketTasks)
    .values({ ticketId: ticket.id, kind: 'call_customer', assigneeId: ticket.assigneeId, createdAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning({ id: ticketTasks.id });
  if (!task) return null; // reached before: the customer is called once
  await recordTicketEvent(withActor(ctx, { kind: 'system' }), tx, {
    ticketId: ticket.id,
    kind: 'effort_threshold_reached',
    data: { taskId: task.id, loggedMinutes, thresholdMinutes },
    isInternal: true,
  });
  return task.id;
}

async function thresholdOf(tx: Executor, contractVersionId: string | null): Promise<number> {
  if (!contractVersionId) return DEFAULT_EFFORT_THRESHOLD_MINUTES;
  const [version] = await tx
    .select({ minutes: contractVersions.effortThresholdMinutes })
    .from(contractVersions)
    .where(eq(contractVersions.id, contractVersionId));
  return version?.minutes ?? DEFAULT_EFFORT_THRESHOLD_MINUTES;
}
