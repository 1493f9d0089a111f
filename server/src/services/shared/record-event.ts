import { sql } from 'drizzle-orm';
import { TICKET_EVENTS_CHANNEL } from '../../adapters/ticket-feed.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { ticketEvents, tickets, type TicketRow } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { queueMailForTicketEvent } from '../mail/outbound/mail-for-ticket-event.ts';
import { enqueue } from '../queue-catalog.ts';
import { type SyncOptions, syncTicketSla } from '../sla/sync-ticket-sla.ts';

export type Change = { field: string; from: unknown; to: unknown };

type NewEvent = {
  ticketId: string;
  /**
   * The ticket as this transaction has just written it (a `created` event right after insertTicket): the SLA sync
   * computes from it instead of reading it again. Only for a row nothing has changed since.
   */
  ticket?: TicketRow;
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
  // The insert announces itself to every listening process (GET /events/stream) in the same statement: pg_notify is
  // transactional, so the announcement goes out at commit, never for a change that rolled back, and costs no round trip.
  // It names the ticket's organisation and requester so listeners authorize it without a query.
  const [row] = await queryRows<{ id: string | number }>(
    tx,
    sql`WITH e AS (
      INSERT INTO ${ticketEvents} (ticket_id, actor_id, kind, changes, data, is_internal, created_at)
      VALUES (${event.ticketId}::uuid, ${ctx.actor.kind === 'person' ? ctx.actor.personId : null}::uuid, ${event.kind},
        ${JSON.stringify(event.changes ?? [])}::jsonb, ${JSON.stringify(event.data ?? {})}::jsonb,
        ${event.isInternal ?? false}, ${ctx.clock.now().toISOString()}::timestamptz)
      RETURNING id, ticket_id, kind, is_internal, created_at)
    SELECT e.id, pg_notify(${TICKET_EVENTS_CHANNEL}, json_build_array(e.id, e.ticket_id, e.kind, e.is_internal,
      t.organisation_id, t.requester_id, e.created_at)::text)
    FROM e JOIN ${tickets} t ON t.id = e.ticket_id`,
  );
  const eventId = Number(row!.id);
  await enqueue(ctx, tx, 'ticket.notify', { eventId });
  const { ticket: _row, ...forMail } = event;
  await queueMailForTicketEvent(ctx, tx, { eventId, ...forMail });
  const sla = slaEffect(ctx, event);
  if (sla) await syncTicketSla(ctx, tx, event.ticketId, { ...sla, ...(event.ticket ? { row: event.ticket } : {}) });
  return eventId;
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
