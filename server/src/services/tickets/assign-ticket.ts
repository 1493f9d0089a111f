import { AssignInput, type Ticket } from '@loket/contract';
import { type SQL, and, eq, isNull } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { groupMembers, groups, tickets } from '../../db/schema.ts';
import { conflict, invalid } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { diff, recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor, loadTicketView } from '../shared/ticket-view.ts';
import { assertAssignable } from './create-ticket.ts';

const same = (column: AnyPgColumn, value: string | null): SQL => (value === null ? isNull(column) : eq(column, value));

/**
 * Hands a ticket to a group and/or an agent; null takes it away. The assignee must be an active agent and, when
 * the ticket has a group, a member of it; moving a ticket to a group its assignee is not in leaves it unassigned
 * in that group. The new assignee (or the group) is notified by the event's follow-up job.
 */
export async function assignTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:assign');
  const data = parseInput(AssignInput, input);
  const ticketId = await ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    const groupId = data.groupId !== undefined ? data.groupId : row.groupId;
    let assigneeId = data.assigneeId !== undefined ? data.assigneeId : row.assigneeId;
    if (data.groupId) {
      const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, data.groupId)).limit(1);
      if (!group) throw invalid('Unknown group');
    }
    if (data.assigneeId) {
      await assertAssignable(tx, data.assigneeId, groupId);
    } else if (data.assigneeId === undefined && assigneeId && groupId && groupId !== row.groupId) {
      const [member] = await tx
        .select({ g: groupMembers.groupId })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, assigneeId)))
        .limit(1);
      if (!member) assigneeId = null;
    }
    const changes = diff(row, { groupId, assigneeId }, ['groupId', 'assigneeId']);
    if (changes.length === 0) return row.id;
    const [updated] = await tx
      .update(tickets)
      .set({ groupId, assigneeId, updatedAt: ctx.clock.now() })
      .where(and(eq(tickets.id, row.id), same(tickets.groupId, row.groupId), same(tickets.assigneeId, row.assigneeId)))
      .returning({ id: tickets.id });
    if (!updated) throw conflict('The ticket was assigned meanwhile; load it again');
    await recordTicketEvent(ctx, tx, { ticketId: row.id, kind: 'assigned', changes, isInternal: true });
    return row.id;
  });
  return loadTicketView(ctx.db, actor, ticketId);
}
