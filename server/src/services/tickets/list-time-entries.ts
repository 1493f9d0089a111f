import type { TimeEntry, TimeEntryList } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import { people, timeEntries } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';

type TimeEntryRow = typeof timeEntries.$inferSelect;

export const toTimeEntry = (row: TimeEntryRow, personName: string): TimeEntry => ({
  id: row.id as TimeEntry['id'],
  ticketId: row.ticketId as TimeEntry['ticketId'],
  person: { id: row.personId as TimeEntry['person']['id'], name: personName },
  performedAt: row.performedAt.toISOString(),
  minutes: row.minutes,
  workType: row.workType,
  isBillable: row.isBillable,
  nonBillableReason: row.nonBillableReason,
  description: row.description,
  createdAt: row.createdAt.toISOString(),
});

/** The time logged on a ticket, in the order it was worked, with the total and the billable part. Agents only. */
export async function listTimeEntries({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<TimeEntryList> {
  const actor = requirePermission(ctx, 'time:read');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  const rows = await ctx.db
    .select({ entry: timeEntries, personName: people.name })
    .from(timeEntries)
    .innerJoin(people, eq(people.id, timeEntries.personId))
    .where(eq(timeEntries.ticketId, ticket.id))
    .orderBy(asc(timeEntries.performedAt), asc(timeEntries.createdAt), asc(timeEntries.id));
  const items = rows.map((r) => toTimeEntry(r.entry, r.personName));
  return {
    items,
    totalMinutes: items.reduce((sum, e) => sum + e.minutes, 0),
    billableMinutes: items.reduce((sum, e) => sum + (e.isBillable ? e.minutes : 0), 0),
  };
}
