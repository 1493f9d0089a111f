import type { Executor } from '../../db/client.ts';
import { ticketEvents } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';

export type Change = { field: string; from: unknown; to: unknown };

/**
 * Writes one history event and enqueues its follow-up work in the caller's transaction.
 * Internal events (notes, time, assignment details) are never shown to customers.
 */
export async function recordTicketEvent(
  ctx: ServiceContext,
  tx: Executor,
  event: { ticketId: string; kind: string; changes?: Change[]; data?: Record<string, unknown>; isInternal?: boolean },
): Promise<number> {
  const [row] = await tx
    .insert(ticketEvents)
    .values({
      ticketId: event.ticketId,
      actorId: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
      kind: event.kind,
      changes: event.changes ?? [],
      data: event.data ?? {},
      isInternal: event.isInternal ?? false,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: ticketEvents.id });
  await enqueue(ctx, tx, 'ticket.notify', { eventId: row!.id });
  return row!.id;
}

/** The changes between two records, for the fields named. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>, fields: (keyof T)[]): Change[] {
  const changes: Change[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = before[field] instanceof Date ? (before[field] as Date).toISOString() : before[field];
    const to = after[field] instanceof Date ? (after[field] as Date).toISOString() : after[field];
    if (from !== to) changes.push({ field: String(field), from: from ?? null, to: to ?? null });
  }
  return changes;
}
