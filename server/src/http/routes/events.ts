import { type LiveTicketEvent, LiveTicketEvent as LiveTicketEventSchema } from '@loket/contract';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.ts';
import { authenticate } from '../../services/auth/authenticate.ts';
import { watchTicketEvents } from '../../services/live/watch-ticket-events.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { route } from '../route.ts';

/** A comment line this often keeps proxies from closing an idle stream; the session is checked again each time. */
export const HEARTBEAT_MS = 25_000;
/** A client this far behind (unsent bytes) is dropped; it reconnects with Last-Event-ID and catches up. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Open streams at most, per person and per process; more are refused (429) until one closes. */
export const MAX_STREAMS_PER_PERSON = 5;
export const MAX_STREAMS_PER_PROCESS = 1_000;

const openStreams = new Map<string, number>();
let openStreamsTotal = 0;

/** Counts one more open stream for `holder`, or refuses; returns the release (safe to call more than once). */
function acquireStreamSlot(holder: string): () => void {
  if (openStreamsTotal >= MAX_STREAMS_PER_PROCESS) {
    throw new AppError('rate_limited', 'Too many live update streams on this server; try again later');
  }
  const mine = openStreams.get(holder) ?? 0;
  if (mine >= MAX_STREAMS_PER_PERSON) {
    throw new AppError('rate_limited', 'Too many live update streams open; close one (another tab) first');
  }
  openStreams.set(holder, mine + 1);
  openStreamsTotal++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openStreamsTotal--;
    const left = (openStreams.get(holder) ?? 1) - 1;
    if (left > 0) openStreams.set(holder, left);
    else openStreams.delete(holder);
  };
}

export const EventStreamQuery = z.strictObject({
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .describe('resume after this event id (for clients that cannot send the Last-Event-ID header)'),
});

export const eventRoutes = [
  route({
    method: 'GET',
    url: '/events/stream',
    summary: 'Ticket changes as they happen (Server-Sent Events)',
    description:
      'Each change to a ticket you may see arrives as `event: ticket` with the history event id as `id` and ' +
      '`{ id, ticketId, kind, at }` as `data`; read the ticket again to see what changed. Customers hear only of ' +
      'their own tickets (managers: their organisation’s) and never of internal events. Changes made by any ' +
      'process arrive (PostgreSQL LISTEN/NOTIFY). A comment line every 25 s keeps the connection open; the session ' +
      'is checked again each time and the stream ends when it is no longer valid. Reconnect with `Last-Event-ID` ' +
      '(or `?lastEventId=`) to receive up to 500 events missed meanwhile.',
    tag: 'Live updates',
    access: 'authenticated',
    query: EventStreamQuery,
    stream: LiveTicketEventSchema,
    handler: async ({ ctx, request, reply, query }) => {
      const header = request.headers['last-event-id'];
      const lastEventId =
        (typeof header === 'string' ? header : undefined) ?? (query as { lastEventId?: string }).lastEventId;
      const actor = ctx.actor.kind === 'person' ? ctx.actor : undefined;
      const release = acquireStreamSlot(actor?.personId ?? ctx.actor.kind);
      const out: { write?: (event: LiveTicketEvent) => void; heartbeat?: NodeJS.Timeout } = {};
      const early: LiveTicketEvent[] = [];
      const res = reply.raw;
      // Closing is noticed from the start: a client gone while the feed is subscribed and the backlog read must not
      // leave a listener and a heartbeat behind.
      let ended = false;
      let unsubscribe: (() => void) | undefined;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(out.heartbeat);
        unsubscribe?.();
        release();
        if (out.write) res.end();
      };
      request.raw.on('close', end);
      res.on('close', end);
      res.on('error', end);
      // Subscribing authorizes (a failure is an ordinary error answer); events arriving before the stream's head is
      // written wait a moment.
      try {
        unsubscribe = await watchTicketEvents({
          ctx,
          lastEventId,
          onEvent: (event) => (out.write ? out.write(event) : early.push(event)),
          // The feed reconnected and may have missed events: the client reconnects with Last-Event-ID.
          onInterrupted: () => end(),
        });
      } catch (error) {
        request.raw.off('close', end);
        res.off('close', end);
        res.off('error', end);
        release();
        ended = true;
        throw error;
      }
      reply.hijack();
      if (ended || request.raw.destroyed || res.destroyed) {
        end();
        unsubscribe();
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      res.write('retry: 3000\n: connected\n\n');
      out.write = (event) => {
        if (ended) return;
        res.write(`id: ${event.id}\nevent: ticket\ndata: ${JSON.stringify(event)}\n\n`);
        if (res.writableLength > MAX_BUFFERED_BYTES) end();
      };
      for (const event of early.splice(0)) out.write(event);
      const authorization = request.headers.authorization;
      out.heartbeat = setInterval(() => {
        if (ended) return;
        if (res.destroyed || res.writableEnded) return end();
        res.write(': heartbeat\n\n');
        authenticate(ctx, {
          sessionToken: request.cookies[SESSION_COOKIE],
          bearerToken: /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1],
        })
          .then((now) => {
            // authenticate answers only for an active person of an active organisation; a move to another
            // organisation changes what the stream may carry, so it ends too.
            if (
              now.kind !== 'person' ||
              now.personId !== actor?.personId ||
              now.role !== actor.role ||
              now.organisationId !== actor.organisationId
            ) {
              end();
            }
          })
          .catch(end);
      }, HEARTBEAT_MS);
    },
  }),
];
