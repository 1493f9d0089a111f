import type { Executor } from '../../db/client.ts';
import { ticketEvents } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { queueMailForTicketEvent } from '../mail/outbound/mail-for-ticket-event.ts';
import { enqueue } from '../queue-catalog.ts';
import { type SyncOptions, syncTicketSla } from '../sla/sync-ticket-sla.ts';

export type Change = { field: string; from: unknown; to: unknown };

type NewEvent = {
  ticketId: string;
  kind: string;
  changes?: Change[];
  data?: Record<string, unknown>;
  isInternal?: boolean;
};

/**
 * Whether an event can move an SLA clock, and how: the history is what the clocks are computed from, so they are
 * brought up to date right after the event that changes it. Opening, a status change, the first response and an
 * agent's public reply move clocks; a new priority or organisation replays them under the terms that now apply. The
 * SLA engine's own events move nothing.
 */
function slaEffect(ctx: ServiceContext, event: NewEvent): SyncOptions | undefined {
  if (event.kind.startsWith('sla_')) return undefined;
  if (event.kind === 'created') return { fresh: true };
  const fields = new Set((event.changes ?? []).map((c) => c.field));
  if (fields.has('organisationId')) return { replay: 'organisation' };
  if (fields.has('priority')) return { replay: 'priority' };
  if (fields.has('status') || fields.has('firstResponseAt')) return {};
  const byAgent = ctx.actor.kind === 'person' && (ctx.actor.role === 'agent' || ctx.actor.role === 'admin');
  if (event.kind === 'replied' && byAgent) return {};
  return undefined;
}

/**
 * Writes one history event and enqueues its follow-up work in the caller's transaction; an event that can move an
 * SLA clock brings the ticket's stored clocks up to date in the same transaction.
 * Internal events (notes, time, assignment details) are never shown to customers.
 */
export async function recordTicketEvent(ctx: ServiceContext, tx: Executor, event: NewEvent): Promise<number> {
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
  await queueMailForTicketEvent(ctx, tx, { eventId: row!.id, ...event });
  const sla = slaEffect(ctx, event);
  if (sla) await syncTicketSla(ctx, tx, event.ticketId, sla);
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
