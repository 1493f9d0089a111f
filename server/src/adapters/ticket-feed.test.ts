import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/client.ts';
import { type ListenClient, TICKET_EVENTS_CHANNEL, ticketFeed } from './ticket-feed.ts';

/** A fake pg client: connects (or fails to) as told, and can be made to drop its connection. */
class FakeClient extends EventEmitter {
  ended = false;
  private readonly fail: boolean;
  constructor(fail: boolean) {
    super();
    this.fail = fail;
  }
  async connect() {
    if (this.fail) throw new Error('connection refused');
  }
  async query(sql: string) {
    expect(sql).toBe(`LISTEN ${TICKET_EVENTS_CHANNEL}`);
  }
  async end() {
    this.ended = true;
  }
  notify(payload: string) {
    this.emit('notification', { channel: TICKET_EVENTS_CHANNEL, payload });
  }
}

const database = { kind: 'postgres', url: 'postgres://fake/db' } as unknown as Database;
const payload = (id: number) => JSON.stringify([id, 't1', 'updated', false, 'o1', 'p1', '2026-01-01T00:00:00Z']);

describe('ticketFeed on PostgreSQL: reconnecting the LISTEN client', () => {
  let clients: FakeClient[];
  let failures: number;
  const errors: Error[] = [];
  const make = () =>
    ticketFeed(database, (e) => errors.push(e), {
      retryDelayMs: 100,
      createClient: () => {
        const client = new FakeClient(failures-- > 0 && clients.length > 0);
        clients.push(client);
        return client as unknown as ListenClient;
      },
    });

  beforeEach(() => {
    vi.useFakeTimers();
    clients = [];
    failures = 0;
    errors.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('retries a failed reconnect with back-off, one client at a time, then tells subscribers to resume', async () => {
    const feed = make();
    const received: number[] = [];
    const interrupted = vi.fn();
    await feed.subscribe((e) => received.push(e.id), interrupted);
    expect(clients).toHaveLength(1);
    clients[0]!.notify(payload(1));

    failures = 2; // the next two connects fail (through the promise, as pg reports them)
    clients[0]!.emit('error', new Error('terminating connection'));
    clients[0]!.emit('error', new Error('again'));
    clients[0]!.emit('end');
    expect(clients[0]!.ended).toBe(true);

    await vi.advanceTimersByTimeAsync(100); // first retry: fails
    expect(clients).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100); // back-off doubled: nothing yet
    expect(clients).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100); // second retry: fails
    expect(clients).toHaveLength(3);
    expect(interrupted).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400); // third retry: connects
    expect(clients).toHaveLength(4);
    expect(clients.slice(1, 3).every((c) => c.ended)).toBe(true);
    expect(interrupted).toHaveBeenCalledTimes(1);

    clients[3]!.notify(payload(2));
    clients[0]!.notify(payload(99)); // a dropped client is not heard any more
    expect(received).toEqual([1, 2]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(clients).toHaveLength(4); // no stray parallel clients
    await feed.close();
    expect(clients[3]!.ended).toBe(true);
  });

  it('counts its listeners', async () => {
    const feed = make();
    const off1 = await feed.subscribe(() => undefined);
    const off2 = await feed.subscribe(() => undefined);
    expect(feed.listenerCount()).toBe(2);
    off1();
    off1();
    expect(feed.listenerCount()).toBe(1);
    off2();
    expect(feed.listenerCount()).toBe(0);
    await feed.close();
  });

  it('does not reconnect once closed', async () => {
    const feed = make();
    await feed.subscribe(() => undefined);
    await feed.close();
    clients[0]!.emit('error', new Error('late'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(clients).toHaveLength(1);
  });
});
