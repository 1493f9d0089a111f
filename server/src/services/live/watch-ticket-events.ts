import type { LiveTicketEvent } from '@loket/contract';
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import type { TicketFeedEvent } from '../../adapters/ticket-feed.ts';
import { ticketEvents, tickets } from '../../db/schema.ts';
import { isAgent, requirePermission } from '../authorize.ts';
import type { PersonActor, ServiceContext } from '../context.ts';
import { ticketScope } from '../shared/ticket-view.ts';

/** How many missed events a resumption replays at most; a client further behind reloads its lists anyway. */
const MAX_BACKLOG = 500;
/** A Last-Event-ID further behind the newest event than this, or older than a day, is not resumed from (no replay). */
export const MAX_RESUME_DISTANCE = 10_000;
export const MAX_RESUME_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a person may hear of a ticket event: the rule of every ticket read (ticketScope) applied to the event's
 * ticket as it was when the event was recorded, and internal events (notes, assignments, SLA alerts …) for agents only.
 */
export function mayReceive(
  actor: PersonActor,
  event: Pick<TicketFeedEvent, 'isInternal' | 'organisationId' | 'requesterId'>,
) {
  if (isAgent(actor)) return true;
  if (event.isInternal) return false;
  if (actor.role === 'manager') return event.organisationId === actor.organisationId;
  return event.requesterId === actor.personId;
}

const toLive = (e: TicketFeedEvent): LiveTicketEvent => ({
  id: String(e.id),
  ticketId: e.ticketId as LiveTicketEvent['ticketId'],
  kind: e.kind,
  at: e.at,
});

/**
 * Calls `onEvent` for every ticket event the caller may see, as it commits in any process (the feed: LISTEN/NOTIFY),
 * until the returned function is called. With `lastEventId` the events recorded after it are replayed first (at most
 * 500, oldest first, by the same rule), then the live ones follow without gap or repeat: the feed is subscribed
 * before the history is read, and what it delivers meanwhile waits until the replay is out.
 */
export async function watchTicketEvents({
  ctx,
  lastEventId,
  onEvent,
  onInterrupted,
}: {
  ctx: ServiceContext;
  lastEventId?: string | undefined;
  onEvent: (event: LiveTicketEvent) => void;
  /** The feed lost events (its connection dropped and is back): resume from the last event id. */
  onInterrupted?: () => void;
}): Promise<() => void> {
  const actor = requirePermission(ctx, 'ticket:read');
  let waiting: TicketFeedEvent[] | undefined = [];
  const claimed = lastEventId && /^\d{1,18}$/.test(lastEventId) ? Number(lastEventId) : 0;
  // Ids are given at insert and transactions commit in any order, so the live events are not deduplicated by order:
  // only what the replay sent, and what the client said it had, is skipped.
  const replayed = new Set<number>();
  const deliver = (e: TicketFeedEvent) => {
    if (e.id <= after || replayed.has(e.id) || !mayReceive(actor, e)) return;
    onEvent(toLive(e));
  };
  let after = 0;
  const unsubscribe = await ctx.feed.subscribe((e) => (waiting ? waiting.push(e) : deliver(e)), onInterrupted);
  try {
    after = claimed > 0 && (await resumable(ctx, claimed)) ? claimed : 0;
    if (after > 0) {
      const missed = await ctx.db
        .select({
          id: ticketEvents.id,
          ticketId: ticketEvents.ticketId,
          kind: ticketEvents.kind,
          isInternal: ticketEvents.isInternal,
          at: ticketEvents.createdAt,
          organisationId: tickets.organisationId,
          requesterId: tickets.requesterId,
        })
        .from(ticketEvents)
        .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
        .where(
          and(
            gt(ticketEvents.id, after),
            ticketScope(actor),
            isAgent(actor) ? undefined : eq(ticketEvents.isInternal, false),
          ),
        )
        .orderBy(asc(ticketEvents.id))
        .limit(MAX_BACKLOG);
      for (const e of missed) {
        deliver({ ...e, at: e.at.toISOString() });
        replayed.add(e.id);
      }
    }
    const held = waiting;
    waiting = undefined;
    for (const e of held.sort((a, b) => a.id - b.id)) deliver(e);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return unsubscribe;
}

/**
 * Whether a client may resume after `id`: not more than MAX_RESUME_DISTANCE events behind the newest, and that event
 * not older than MAX_RESUME_AGE_MS (both by the primary key, so deciding scans nothing). A client further behind gets
 * the live events only and reloads its lists anyway.
 */
async function resumable(ctx: ServiceContext, id: number): Promise<boolean> {
  const [newest] = await ctx.db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .orderBy(desc(ticketEvents.id))
    .limit(1);
  if (!newest || id < newest.id - MAX_RESUME_DISTANCE) return false;
  const [seen] = await ctx.db
    .select({ at: ticketEvents.createdAt })
    .from(ticketEvents)
    .where(lte(ticketEvents.id, id))
    .orderBy(desc(ticketEvents.id))
    .limit(1);
  return !!seen && seen.at.getTime() >= ctx.clock.now().getTime() - MAX_RESUME_AGE_MS;
}
