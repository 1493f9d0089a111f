import type { Executor } from '../../db/client.ts';
import type { TicketRow } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import { mayAutoClose } from '../../domain/tickets/lifecycle.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { closeResolvedRow } from './ticket-writes.ts';

/**
 * Closes a resolved ticket the customer neither confirmed nor reopened, once its automatic close is due
 * (tickets.autoCloseAt: N working days on the customer's calendar after the resolution, kept by the SLA sync). The
 * sweep calls this with the row locked; a ticket reopened, or resolved again since, has another instant and is left
 * alone. Runs as the system, never as a person. Recording the event brings the stored clocks up to date.
 */
export async function autoCloseIfDue(ctx: ServiceContext, tx: Executor, row: TicketRow): Promise<boolean> {
  if (ctx.actor.kind !== 'system') throw new AppError('forbidden', 'Only the system closes tickets automatically');
  if (
    row.autoCloseAt === null ||
    row.resolvedAt === null ||
    !mayAutoClose({
      statusKind: row.statusKind,
      resolvedAt: row.resolvedAt,
      resolvedSince: row.resolvedAt,
      dueAt: row.autoCloseAt,
      now: ctx.clock.now(),
    })
  ) {
    return false;
  }
  const closed = await closeResolvedRow(ctx, tx, row);
  await recordTicketEvent(ctx, tx, { ticketId: row.id, kind: 'auto_closed', changes: closed.changes });
  return true;
}
