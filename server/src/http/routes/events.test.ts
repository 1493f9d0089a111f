import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { loginCookie } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';

let h: Harness;
let s: Awaited<ReturnType<typeof makeLoggedInWorld>>;
let contactB: string;
let baseUrl: string;

type Received = { id: string; event: string; data: { id: string; ticketId: string; kind: string; at: string } };

/** An SSE client: connects, parses events as they arrive, and can wait for one. */
async function connect(cookie: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/events/stream`, {
    headers: { cookie, ...headers },
    signal: controller.signal,
  });
  const events: Received[] = [];
  let raw = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        raw += value;
        let end: number;
        while ((end = raw.indexOf('\n\n')) >= 0) {
          const block = raw.slice(0, end);
          raw = raw.slice(end + 2);
          const fields: Record<string, string> = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
          );
          if (fields.event) events.push({ id: fields.id!, event: fields.event, data: JSON.parse(fields.data!) });
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    async waitFor(match: (e: Received) => boolean, ms = 5_000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const found = events.find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      return undefined;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

beforeAll(async () => {
  h = await createHarness();
  s = await makeLoggedInWorld(h);
  contactB = await loginCookie(h, s.world.contactB.email);
  baseUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

const openTicket = async (cookie: string, subject = 'Printer offline') =>
  (await callApi(h, cookie, 'POST', '/tickets', { subject, body: 'Since this morning.' })).json() as { id: string };

describe('live ticket updates (Server-Sent Events)', () => {
  it('pushes a PATCH to the agent and the requester, never to a customer of another organisation', async () => {
    const ticket = await openTicket(s.contactA);
    const agent = await connect(s.agent);
    const requester = await connect(s.contactA);
    const manager = await connect(s.managerA);
    const stranger = await connect(contactB);
    expect(agent.status).toBe(200);
    expect(agent.contentType).toContain('text/event-stream');

    const patched = await callApi(h, s.agent, 'PATCH', `/tickets/${ticket.id}`, { subject: 'Printer on fire' });
    expect(patched.statusCode).toBe(200);
    // The stranger's own change, after the PATCH: once it has arrived, the PATCH would have too.
    const own = await openTicket(contactB, 'Own ticket');

    const isPatch = (e: Received) => e.data.ticketId === ticket.id && e.data.kind === 'updated';
    const seen = await agent.waitFor(isPatch);
    expect(seen).toMatchObject({ event: 'ticket', data: { ticketId: ticket.id, kind: 'updated' } });
    expect(seen!.id).toBe(seen!.data.id);
    expect(await requester.waitFor(isPatch)).toBeDefined();
    expect(await manager.waitFor(isPatch)).toBeDefined();
    expect(await stranger.waitFor((e) => e.data.ticketId === own.id)).toBeDefined();
    expect(stranger.events.filter((e) => e.data.ticketId === ticket.id)).toEqual([]);
    for (const c of [agent, requester, manager, stranger]) await c.close();
  });

  it('pushes internal notes to agents only', async () => {
    const ticket = await openTicket(s.contactA);
    const agent = await connect(s.agent);
    const requester = await connect(s.contactA);
    await callApi(h, s.agent, 'POST', `/tickets/${ticket.id}/notes`, { body: 'Checked the logs.' });
    await callApi(h, s.agent, 'POST', `/tickets/${ticket.id}/replies`, { body: 'On it.' });
    const isNote = (e: Received) => e.data.ticketId === ticket.id && e.data.kind === 'note_added';
    const isReply = (e: Received) => e.data.ticketId === ticket.id && e.data.kind === 'replied';
    expect(await agent.waitFor(isNote)).toBeDefined();
    expect(await requester.waitFor(isReply)).toBeDefined();
    expect(requester.events.filter(isNote)).toEqual([]);
    await agent.close();
    await requester.close();
  });

  it('replays what was missed after Last-Event-ID, by the same rules', async () => {
    const ticket = await openTicket(s.contactA);
    const first = await connect(s.contactA);
    await callApi(h, s.agent, 'PATCH', `/tickets/${ticket.id}`, { subject: 'One' });
    const one = await first.waitFor((e) => e.data.ticketId === ticket.id && e.data.kind === 'updated');
    await first.close();

    await callApi(h, s.agent, 'POST', `/tickets/${ticket.id}/notes`, { body: 'Internal.' });
    await callApi(h, s.agent, 'PATCH', `/tickets/${ticket.id}`, { subject: 'Two' });
    await openTicket(contactB, 'Not yours');
    const again = await connect(s.contactA, { 'last-event-id': one!.id });
    const replayed = await again.waitFor((e) => e.data.ticketId === ticket.id && e.data.kind === 'updated');
    expect(Number(replayed!.id)).toBeGreaterThan(Number(one!.id));
    expect(again.events.every((e) => e.data.ticketId === ticket.id && e.data.kind !== 'note_added')).toBe(true);
    await again.close();
  });

  it('refuses an anonymous caller like any other route', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/events/stream' });
    expect(res.statusCode).toBe(401);
  });
});

describe('live stream limits and cleanup', () => {
  const waitUntil = async (done: () => boolean, ms = 5_000) => {
    const until = Date.now() + ms;
    while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return done();
  };

  it('forgets a client that goes away while the stream is being opened (no leaked listener or heartbeat)', async () => {
    const feed = h.deps.feed;
    await waitUntil(() => feed.listenerCount() === 0); // the streams of the tests before have gone
    const before = feed.listenerCount();
    const subscribe = feed.subscribe.bind(feed);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let called = false;
    feed.subscribe = async (listener, onInterrupted) => {
      called = true;
      await gate;
      return subscribe(listener, onInterrupted);
    };
    try {
      const controller = new AbortController();
      const pending = fetch(`${baseUrl}/api/v1/events/stream`, {
        headers: { cookie: s.contactA, 'last-event-id': '1' },
        signal: controller.signal,
      }).catch(() => undefined);
      expect(await waitUntil(() => called)).toBe(true);
      controller.abort();
      await pending;
      await new Promise((r) => setTimeout(r, 100)); // the server notices the closed connection
      release();
      expect(await waitUntil(() => feed.listenerCount() === before)).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      expect(feed.listenerCount()).toBe(before);
    } finally {
      feed.subscribe = subscribe;
      release();
    }
  });

  it('allows five streams per person and refuses a sixth with 429 until one closes', async () => {
    const open = [];
    for (let i = 0; i < 5; i++) open.push(await connect(s.managerA));
    expect(open.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await fetch(`${baseUrl}/api/v1/events/stream`, { headers: { cookie: s.managerA } });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Someone else is not affected.
    const other = await connect(s.agent);
    expect(other.status).toBe(200);
    await other.close();

    await open.pop()!.close();
    let again: Awaited<ReturnType<typeof connect>> | undefined;
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      again = await connect(s.managerA);
      if (again.status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(again?.status).toBe(200);
    await again?.close();
    for (const c of open) await c.close();
  });
});
