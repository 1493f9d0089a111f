import type { TicketTask, TicketTaskList } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import { ticketTasks } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';

type TicketTaskRow = typeof ticketTasks.$inferSelect;

export const toTicketTask = (row: TicketTaskRow): TicketTask => ({
  id: row.id as TicketTask['id'],
  ticketId: row.ticketId as TicketTask['ticketId'],
  kind: row.kind,
  assigneeId: row.assigneeId as TicketTask['assigneeId'],
  createdAt: row.createdAt.toISOString(),
  doneAt: row.doneAt?.toISOString() ?? null,
  doneById: row.doneById as TicketTask['doneById'],
});

/** The tasks on a ticket (e.g. call the customer), done or not, oldest first. Agents only. */
export async function listTicketTasks({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<TicketTaskList> {
  const actor = requirePermission(ctx, 'task:read');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  const rows = await ctx.db
    .select()
    .from(ticketTasks)
    .where(eq(ticketTasks.ticketId, ticket.id))
    .orderBy(asc(ticketTasks.createdAt), asc(ticketTasks.id));
  return { items: rows.map(toTicketTask) };
}
