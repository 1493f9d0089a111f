import { CreateTimeEntryInput, type TimeEntry } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { people, timeEntries } from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { checkEffortThreshold } from './check-effort-threshold.ts';
import { toTimeEntry } from './list-time-entries.ts';

/**
 * An agent logs time worked on a ticket. Time that will not be invoiced says why (own_defect for our own bugs,
 * goodwill, warranty…), so reports can tell cost from revenue. Internal: customers see invoices, not this.
 * Passing the ticket's effort threshold asks for the customer to be called (check-effort-threshold.ts), in the
 * same transaction.
 */
export async function logTime({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<TimeEntry> {
  const actor = requirePermission(ctx, 'time:log');
  const data = parseInput(CreateTimeEntryInput, input);
  const now = ctx.clock.now();
  const performedAt = data.performedAt ? new Date(data.performedAt) : now;
  if (performedAt.getTime() > now.getTime()) throw invalid('performedAt lies in the future');
  const entry = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    const [created] = await tx
      .insert(timeEntries)
      .values({
        ticketId: row.id,
        personId: actor.personId,
        performedAt,
        minutes: data.minutes,
        workType: data.workType,
        isBillable: data.isBillable,
        nonBillableReason: data.nonBillableReason ?? null,
        description: data.description || null,
        createdAt: now,
      })
      .returning();
    await recordTicketEvent(ctx, tx, {
      ticketId: row.id,
      kind: 'time_logged',
      data: {
        timeEntryId: created!.id,
        minutes: created!.minutes,
        workType: created!.workType,
        isBillable: created!.isBillable,
        nonBillableReason: created!.nonBillableReason,
      },
      isInternal: true,
    });
    await checkEffortThreshold(ctx, tx, row);
    const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, actor.personId));
    return toTimeEntry(created!, person?.name ?? actor.name);
  });
  return entry;
}
