import pg from 'pg';
import type { Database } from '../db/client.ts';

/** The PostgreSQL channel every ticket history event is announced on, by pg_notify in the event's transaction. */
export const TICKET_EVENTS_CHANNEL = 'loket_ticket_events';

/**
 * What the notification carries: enough to decide who may hear of it without a query (who may see a ticket is its
 * organisation and requester; internal events are for agents only), and nothing a listener should not see.
 */
export type TicketFeedEvent = {
  id: number;
  ticketId: string;
  kind: string;
  isInternal: boolean;
  organisationId: string;
  requesterId: string;
  at: string;
};

export type TicketFeed = {
  /**
   * Calls the listener for every ticket event committed from now on, in any process; returns the unsubscribe.
   * `onInterrupted` is called when the listening connection was lost and is back: events committed meanwhile were not
   * delivered, so the subscriber should resume from its last event id (an SSE stream ends; its client reconnects).
   */
  subscribe(listener: (event: TicketFeedEvent) => void, onInterrupted?: () => void): Promise<() => void>;
  /** How many subscribers are listening now (for tests and metrics). */
  listenerCount(): number;
  close(): Promise<void>;
};

/** The part of a pg.Client the feed uses; tests pass a fake. */
export type ListenClient = {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string | undefined }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
};

export type TicketFeedOptions = {
  /** Opens the dedicated LISTEN client (default: a pg.Client). */
  createClient?: (url: string) => ListenClient;
  /** The first reconnect waits this long, each further attempt twice as long, up to 30 s (default 500 ms). */
  retryDelayMs?: number;
};

/** Parses a notification payload, `[id, ticketId, kind, isInternal, organisationId, requesterId, at]`. */
export function parseFeedPayload(payload: string): TicketFeedEvent | undefined {
  try {
    const [id, ticketId, kind, isInternal, organisationId, requesterId, at] = JSON.parse(payload) as unknown[];
    if (typeof id !== 'number' || typeof ticketId !== 'string' || typeof kind !== 'string') return undefined;
    return {
      id,
      ticketId,
      kind,
      isInternal: isInternal === true,
      organisationId: String(organisationId),
      requesterId: String(requesterId),
      at: new Date(String(at)).toISOString(),
    };
  } catch {
    return undefined;
  }
}

/**
 * Ticket events as they commit, from PostgreSQL's LISTEN/NOTIFY, so every HTTP process hears the changes any process
 * (a worker filing mail, another server) makes. One listening connection per process, opened on the first subscriber
 * and shared by all; on PostgreSQL it is a dedicated client outside the pool (LISTEN holds its session), reconnected
 * with backoff when it drops. Embedded PGlite is a single process: its own listen() hears its own commits.
 * Events committed while a connection was down are not replayed here; clients resume with Last-Event-ID.
 */
export function ticketFeed(
  database: Database,
  onError: (error: Error) => void = () => undefined,
  options: TicketFeedOptions = {},
): TicketFeed {
  const createClient = options.createClient ?? ((url: string) => new pg.Client({ connectionString: url }));
  const firstDelay = options.retryDelayMs ?? 500;
  const listeners = new Map<(event: TicketFeedEvent) => void, (() => void) | undefined>();
  let started: Promise<void> | undefined;
  let stop: (() => Promise<void>) | undefined;
  let closed = false;

  const dispatch = (payload: string | undefined) => {
    const event = payload ? parseFeedPayload(payload) : undefined;
    if (!event) return;
    for (const listener of listeners.keys()) {
      try {
        listener(event);
      } catch (error) {
        onError(error as Error);
      }
    }
  };

  /** After a reconnect: every subscriber may have missed events and is told so (each once; errors are reported). */
  const interrupted = () => {
    for (const onInterrupted of [...listeners.values()]) {
      try {
        onInterrupted?.();
      } catch (error) {
        onError(error as Error);
      }
    }
  };

  async function startPostgres(url: string) {
    let client: ListenClient | undefined;
    let retry: NodeJS.Timeout | undefined;
    let delay = firstDelay;
    const connect = async (): Promise<void> => {
      const next = createClient(url);
      let lost = false;
      // pg reports a failed connect through the promise, a dropped connection through 'error' and/or 'end' (both may
      // come, several times): only the first loss of the current client schedules a reconnect.
      const onLost = (error?: Error) => {
        if (error) onError(error);
        if (lost) return;
        lost = true;
        next.end().catch(() => undefined);
        if (client !== next) return;
        client = undefined;
        scheduleRetry();
      };
      next.on('notification', (message: { channel: string; payload?: string | undefined }) => {
        if (!lost && message.channel === TICKET_EVENTS_CHANNEL) dispatch(message.payload);
      });
      next.on('error', (error: Error) => onLost(error));
      next.on('end', () => onLost());
      try {
        await next.connect();
        await next.query(`LISTEN ${TICKET_EVENTS_CHANNEL}`);
      } catch (error) {
        lost = true;
        next.end().catch(() => undefined);
        throw error;
      }
      if (lost || closed) {
        next.end().catch(() => undefined);
        if (closed) return;
        throw new Error('The ticket feed connection was lost while it was being opened');
      }
      client = next;
    };
    /** One pending reconnect at most, with doubling back-off; when it succeeds, subscribers resume. */
    const scheduleRetry = () => {
      if (closed || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        if (closed) return;
        connect().then(
          () => {
            delay = firstDelay;
            interrupted();
          },
          (error: Error) => {
            onError(error);
            delay = Math.min(delay * 2, 30_000);
            scheduleRetry();
          },
        );
      }, delay);
    };
    await connect();
    stop = async () => {
      clearTimeout(retry);
      retry = undefined;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    };
  }

  async function startPglite(database: Extract<Database, { kind: 'pglite' }>) {
    const unlisten = await database.pglite.listen(TICKET_EVENTS_CHANNEL, dispatch);
    stop = async () => {
      await unlisten().catch(() => undefined);
    };
  }

  return {
    async subscribe(listener, onInterrupted) {
      if (closed) throw new Error('The ticket feed is closed');
      started ??= database.kind === 'postgres' ? startPostgres(database.url) : startPglite(database);
      try {
        await started;
      } catch (error) {
        started = undefined;
        throw error;
      }
      // A listener may subscribe twice; each subscription is its own entry.
      const entry = (event: TicketFeedEvent) => listener(event);
      listeners.set(entry, onInterrupted);
      return () => void listeners.delete(entry);
    },
    listenerCount: () => listeners.size,
    async close() {
      closed = true;
      listeners.clear();
      if (started) await started.catch(() => undefined);
      await stop?.();
    },
  };
}
