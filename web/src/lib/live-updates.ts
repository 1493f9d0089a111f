import type { LiveTicketEvent } from '@loket/contract';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';

// Live updates over GET /api/v1/events/stream (Server-Sent Events). One connection per browser tab, shared by every
// page that listens and closed when the last one stops. An event names a ticket that changed, not what changed:
// the ticket's queries are refetched (authorized as any request). The browser reconnects by itself, sending
// Last-Event-ID so missed events arrive; a refused stream (e.g. the session ended) is retried after a pause.

export const EVENTS_URL = '/api/v1/events/stream';
const RETRY_AFTER_CLOSE_MS = 10_000;
/** Events arriving within this window refresh the lists once. */
const COALESCE_MS = 250;

type Listener = (event: LiveTicketEvent) => void;

const listeners = new Set<Listener>();
const connectionWatchers = new Set<() => void>();
let source: EventSource | null = null;
let connected = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function setConnected(value: boolean) {
  if (connected === value) return;
  connected = value;
  for (const watcher of connectionWatchers) watcher();
}

function parseEvent(data: string): LiveTicketEvent | null {
  try {
    const value = JSON.parse(data) as Partial<LiveTicketEvent>;
    return typeof value.ticketId === 'string' && typeof value.kind === 'string' ? (value as LiveTicketEvent) : null;
  } catch {
    return null;
  }
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  const stream = new EventSource(EVENTS_URL, { withCredentials: true });
  source = stream;
  stream.onopen = () => setConnected(true);
  stream.addEventListener('ticket', (message) => {
    const event = parseEvent((message as MessageEvent<string>).data);
    if (event) for (const listener of listeners) listener(event);
  });
  stream.onerror = () => {
    setConnected(false);
    // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error answer); try again later.
    if (stream.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (listeners.size > 0) open();
      }, RETRY_AFTER_CLOSE_MS);
    }
  };
}

function close() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setConnected(false);
}

/** Listen to ticket events; returns the way to stop. */
export function subscribeToTicketEvents(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}

/**
 * Refresh what a ticket event may have changed: every ticket list and count (keys starting with 'tickets') and the
 * ticket itself with everything under it (keys starting with ['ticket', id]). Bursts are coalesced.
 */
export function createTicketInvalidator(client: QueryClient): (event: LiveTicketEvent) => void {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (event) => {
    pending.add(event.ticketId);
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const ids = [...pending];
      pending.clear();
      void client.invalidateQueries({ queryKey: ['tickets'] });
      for (const id of ids) void client.invalidateQueries({ queryKey: ['ticket', id] });
    }, COALESCE_MS);
  };
}

/**
 * Keep this page's ticket queries fresh while it is shown; `onEvent` hears each event too (e.g. to announce it).
 * Returns whether the stream is connected.
 */
export function useLiveTicketUpdates(onEvent?: Listener): boolean {
  const client = useQueryClient();
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    const invalidate = createTicketInvalidator(client);
    return subscribeToTicketEvents((event) => {
      invalidate(event);
      latest.current?.(event);
    });
  }, [client]);
  return useSyncExternalStore(
    (watcher) => {
      connectionWatchers.add(watcher);
      return () => connectionWatchers.delete(watcher);
    },
    () => connected,
    () => false,
  );
}
