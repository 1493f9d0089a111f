import type { TicketTask } from '@loket/contract';
import { and, eq, isNull } from 'drizzle-orm';
import { ticketTasks } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid } from '../shared/ids.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { toTicketTask } from './list-ticket-tasks.ts';

/**
 * An agent marks a ticket's task done. Idempotent: a task already done is returned as it is, keeping who did it
 * and when, and records nothing. A task of another ticket is not found, like a missing one.
 */
export async function completeTicketTask({
  ctx,
  id,
  taskId,
}: {
  ctx: ServiceContext;
  id: string;
  taskId: string;
}): Promise<TicketTask> {
  const actor = requirePermission(ctx, 'task:complete');
  return ctx.db.transaction(async (tx) => {
    const ticket = await getTicketRowForActor(tx, actor, id, true);
    if (!isUuid(taskId)) throw notFound('Task not found');
    const ofTicket = and(eq(ticketTasks.id, taskId.toLowerCase()), eq(ticketTasks.ticketId, ticket.id));
    const [done] = await tx
      .update(ticketTasks)
      .set({ doneAt: ctx.clock.now(), doneById: actor.personId })
      .where(and(ofTicket, isNull(ticketTasks.doneAt)))
      .returning();
    if (done) {
      await recordTicketEvent(ctx, tx, {
        ticketId: ticket.id,
        kind: 'task_completed',
        data: { taskId: done.id, kind: done.kind },
        isInternal: true,
      });
      return toTicketTask(done);
    }
    const [existing] = await tx.select().from(ticketTasks).where(ofTicket);
    if (!existing) throw notFound('Task not found');
    return toTicketTask(existing);
  });
}
