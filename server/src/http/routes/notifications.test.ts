import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let colleague: Awaited<ReturnType<typeof makePerson>>;
const cookie: Record<'agent' | 'colleague' | 'contactA', string> = { agent: '', colleague: '', contactA: '' };
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  colleague = await makePerson(h, { role: 'agent', organisationId: w.provider.id });
  cookie.agent = await loginCookie(h, w.agent.email);
  cookie.colleague = await loginCookie(h, colleague.email);
  cookie.contactA = await loginCookie(h, w.contactA.email);
});
afterAll(() => h.close());

const call = (who: keyof typeof cookie, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: cookie[who] }, ...(payload ? { payload } : {}) });

describe('notifications over HTTP', () => {
  it('notifies the new assignee once the queued job has run, and nobody else', async () => {
    const ticket = (
      await call('contactA', 'POST', '/tickets', { subject: 'Phone broken', body: 'Screen cracked' })
    ).json();
    await h.runJobs(); // the new ticket has no group or assignee yet: nobody to tell
    const assigned = await call('agent', 'POST', `/tickets/${ticket.id}/assign`, { assigneeId: colleague.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().assignee.id).toBe(colleague.id);

    expect((await call('colleague', 'GET', '/notifications')).json().items).toEqual([]);
    await h.runJobs();

    const mine = (await call('colleague', 'GET', '/notifications')).json();
    expect(mine.items).toEqual([
      expect.objectContaining({
        kind: 'ticket_assigned',
        readAt: null,
        ticket: { id: ticket.id, reference: ticket.reference, subject: 'Phone broken' },
      }),
    ]);
    expect((await call('agent', 'GET', '/notifications')).json().items).toEqual([]);
  });

  it('marks the caller’s own notification read, and answers 404 for someone else’s', async () => {
    const ticket = (await call('contactA', 'POST', '/tickets', { subject: 'Mouse', body: 'Gone' })).json();
    h.clock.advance(1000);
    await call('agent', 'POST', `/tickets/${ticket.id}/assign`, { assigneeId: colleague.id });
    await h.runJobs();
    const [latest] = (await call('colleague', 'GET', '/notifications?unread=true')).json().items;
    expect(latest.ticket.id).toBe(ticket.id);

    const stolen = await call('agent', 'POST', `/notifications/${latest.id}/read`);
    expect(stolen.statusCode).toBe(404);
    const read = await call('colleague', 'POST', `/notifications/${latest.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(h.clock.now().toISOString());

    const unread = (await call('colleague', 'GET', '/notifications?unread=true')).json().items;
    expect(unread.map((n: { id: string }) => n.id)).not.toContain(latest.id);
    const all = (await call('colleague', 'GET', '/notifications')).json().items;
    expect(all[0].id).toBe(latest.id); // newest first
    expect(all.length).toBeGreaterThan(unread.length);
  });

  it('pages through notifications with a cursor, and refuses unknown query fields', async () => {
    const first = (await call('colleague', 'GET', '/notifications?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (await call('colleague', 'GET', `/notifications?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await call('colleague', 'GET', '/notifications?colour=red')).statusCode).toBe(400);
  });

  it('is not for customers', async () => {
    expect((await call('contactA', 'GET', '/notifications')).statusCode).toBe(403);
  });
});
