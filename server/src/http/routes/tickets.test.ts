import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { loginCookie, makeWorld } from '../../../test/factories.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  world = await makeWorld(h);
});
afterAll(() => h.close());

describe('tickets over HTTP', () => {
  it('answers the health check', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('lets a customer open a ticket and find it by reference, and keeps it from another organisation', async () => {
    const cookie = await loginCookie(h, world.contactA.email);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie },
      payload: { subject: 'Printer on fire', body: 'It is on fire.', urgency: 'high', impact: 'high' },
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket.reference).toMatch(/^LK-26-\d{5}$/);
    expect(ticket.priority).toBe('P1');
    expect(ticket.channel).toBe('portal');
    expect(ticket.status.kind).toBe('new');
    expect(ticket.time).toBeUndefined();

    const byRef = await h.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.reference}`,
      headers: { cookie },
    });
    expect(byRef.json().id).toBe(ticket.id);

    const other = await loginCookie(h, world.managerB.email);
    const foreign = await h.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}`,
      headers: { cookie: other },
    });
    const missing = await h.app.inject({
      method: 'GET',
      url: '/api/v1/tickets/00000000-0000-4000-8000-000000000000',
      headers: { cookie: other },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
  });

  it('rejects unknown fields in a write', async () => {
    const cookie = await loginCookie(h, world.contactA.email);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie },
      payload: { subject: 'x', body: 'y', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid');
  });

  it('returns the first result again for a repeated Idempotency-Key', async () => {
    const cookie = await loginCookie(h, world.agent.email);
    const send = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { cookie, 'idempotency-key': 'abc-123' },
        payload: { subject: 'Once', body: 'only once', requesterEmail: 'new.person@unknown-domain.example' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().requester.email).toBe('new.person@unknown-domain.example');
  });

  it('pages through a filtered list with a cursor', async () => {
    const cookie = await loginCookie(h, world.agent.email);
    for (let i = 0; i < 5; i++) {
      h.clock.advance(1000);
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { cookie },
        payload: { subject: `Paging ${i}`, body: 'b', requesterEmail: world.contactB.email },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json(): unknown } = await h.app.inject({
        method: 'GET',
        url: `/api/v1/tickets?organisationId=${world.orgB.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { subject: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((t) => t.subject));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Paging 4', 'Paging 3', 'Paging 2', 'Paging 1', 'Paging 0']);
  });

  it('walks a ticket through update, conversation, resolution and confirmation', async () => {
    let customer = await loginCookie(h, world.contactA.email);
    const agent = await loginCookie(h, world.agent.email);
    const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      h.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

    const ticket = (await call(customer, 'POST', '/tickets', { subject: 'Wifi', body: 'Drops in room 4' })).json();
    expect(
      (await call(customer, 'PATCH', `/tickets/${ticket.id}`, { priority: 'P1', priorityReason: 'x' })).statusCode,
    ).toBe(403);
    expect((await call(customer, 'PATCH', `/tickets/${ticket.id}`, { colour: 'red' })).statusCode).toBe(400);
    expect((await call(agent, 'PATCH', `/tickets/${ticket.id}`, { priority: 'P1' })).statusCode).toBe(400);
    const overridden = await call(agent, 'PATCH', `/tickets/${ticket.reference}`, {
      priority: 'P1',
      priorityReason: 'CEO office',
    });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({ priority: 'P1', priorityOverridden: true });

    h.clock.advance(1000);
    const asked = await call(agent, 'POST', `/tickets/${ticket.id}/replies`, {
      body: 'Which floor?',
      status: 'awaiting_reply',
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      kind: 'reply',
      author: { id: world.agent.id, isAgent: true },
      fromTicket: null,
    });
    h.clock.advance(1000);
    expect(
      (await call(agent, 'POST', `/tickets/${ticket.id}/notes`, { body: 'Access point 4 is old' })).statusCode,
    ).toBe(201);
    h.clock.advance(1000);
    expect((await call(customer, 'POST', `/tickets/${ticket.id}/replies`, { body: 'Second floor' })).statusCode).toBe(
      201,
    );

    const conversation = (await call(customer, 'GET', `/tickets/${ticket.id}/articles`)).json();
    expect(conversation.items.map((a: { body: string }) => a.body)).toEqual([
      'Drops in room 4',
      'Which floor?',
      'Second floor',
    ]);
    expect((await call(agent, 'GET', `/tickets/${ticket.id}/articles`)).json().items).toHaveLength(4);
    expect((await call(agent, 'GET', `/tickets/${ticket.id}`)).json().status.kind).toBe('open');

    expect((await call(customer, 'POST', `/tickets/${ticket.id}/confirm`, {})).statusCode).toBe(409);
    expect((await call(agent, 'POST', `/tickets/${ticket.id}/status`, { status: 'resolved' })).statusCode).toBe(200);
    const confirmed = await call(customer, 'POST', `/tickets/${ticket.id}/confirm`, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status.kind).toBe('closed');

    h.clock.advance(20 * 86_400_000);
    customer = await loginCookie(h, world.contactA.email); // the session expired meanwhile
    const late = await call(customer, 'POST', `/tickets/${ticket.id}/replies`, { body: 'It is back' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/reopen/);
    const followUp = await call(customer, 'POST', `/tickets/${ticket.id}/reopen`, { reason: 'It is back' });
    expect(followUp.statusCode).toBe(200);
    expect(followUp.json()).toMatchObject({ outcome: 'follow_up', ticket: { requester: { id: world.contactA.id } } });

    const history = (await call(customer, 'GET', `/tickets/${ticket.id}/history`)).json();
    expect(history.items.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'replied',
      'replied',
      'status_changed',
      'confirmed',
      'follow_up_opened',
    ]);
  });

  it('keeps the agent-only routes from customers', async () => {
    const customer = await loginCookie(h, world.managerA.email);
    const ticket = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { cookie: customer },
        payload: { subject: 'x', body: 'y' },
      })
    ).json();
    const attempts: [string, object][] = [
      ['notes', { body: 'n' }],
      ['status', { status: 'resolved' }],
      ['assign', { assigneeId: world.agent.id }],
      ['links', { kind: 'related', ticket: ticket.id }],
      ['merge', { into: ticket.id }],
      ['time-entries', { minutes: 5, workType: 'remote' }],
    ];
    for (const [path, payload] of attempts) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/${path}`,
        headers: { cookie: customer },
        payload,
      });
      expect([path, res.statusCode]).toEqual([path, 403]);
    }
    const time = await h.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}/time-entries`,
      headers: { cookie: customer },
    });
    expect(time.statusCode).toBe(403);
  });

  it('links, unlinks, merges and logs time over HTTP', async () => {
    const agent = await loginCookie(h, world.agent.email);
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      h.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: agent }, ...(payload ? { payload } : {}) });
    const open = async (subject: string) =>
      (await call('POST', '/tickets', { subject, body: 'b', requesterEmail: world.contactB.email })).json();
    const [a, b] = [await open('Duplicate'), await open('Original')];

    const link = await call('POST', `/tickets/${a.id}/links`, { kind: 'related', ticket: b.reference });
    expect(link.statusCode).toBe(201);
    expect((await call('POST', `/tickets/${a.id}/links`, { kind: 'related', ticket: b.id })).statusCode).toBe(409);
    expect((await call('POST', `/tickets/${a.id}/links`, { kind: 'fixed_by', ticket: b.id })).statusCode).toBe(400);
    expect((await call('DELETE', `/tickets/${a.id}/links/${link.json().id}`)).statusCode).toBe(204);
    expect((await call('GET', `/tickets/${a.id}/links`)).json().items).toEqual([]);

    const merged = await call('POST', `/tickets/${a.id}/merge`, { into: b.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().id).toBe(b.id);
    const articles = (await call('GET', `/tickets/${b.id}/articles`)).json().items;
    expect(
      articles.map((x: { fromTicket: { reference: string } | null }) => x.fromTicket?.reference ?? null),
    ).toContain(a.reference);

    const logged = await call('POST', `/tickets/${b.id}/time-entries`, {
      minutes: 30,
      workType: 'remote',
      isBillable: false,
      nonBillableReason: 'own_defect',
    });
    expect(logged.statusCode).toBe(201);
    await call('POST', `/tickets/${b.id}/time-entries`, { minutes: 15, workType: 'phone' });
    expect((await call('GET', `/tickets/${b.id}/time-entries`)).json()).toMatchObject({
      totalMinutes: 45,
      billableMinutes: 15,
    });
  });
});
