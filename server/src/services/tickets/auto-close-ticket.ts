import { AppError } from '../../domain/app-error.ts';
import { mayAutoClose } from '../../domain/tickets/lifecycle.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { ticketKey } from '../shared/ticket-view.ts';
import { tickets } from '../../db/schema.ts';
import { closeResolvedRow } from './ticket-writes.ts';

/**
 * Where automatic closing plugs in. The SLA work (working-day calendars) will schedule a job per resolution with
 * the instant the customer's confirmation period ends, and that job calls this. There is no timer yet.
 * Runs as the system, not as a person; a ticket reopened or resolved again meanwhile is left alone.
 */
export async function autoCloseTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: { resolvedAt: Date; dueAt: Date };
}): Promise<boolean> {
  if (ctx.actor.kind !== 'system') throw new AppError('forbidden', 'Only the system closes tickets automatically');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(tickets).where(ticketKey(id)).limit(1).for('update');
    if (!row) return false;
    if (
      !mayAutoClose({
        statusKind: row.statusKind,
        resolvedAt: row.resolvedAt,
        resolvedSince: input.resolvedAt,
        dueAt: input.dueAt,
        now,
      })
    ) {
      return false;
    }
    const closed = await closeResolvedRow(ctx, tx, row);
    await recordTicketEvent(ctx, tx, { ticketId: row.id, kind: 'auto_closed', changes: closed.changes });
    return true;
  });
}
