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

    const byRef = await h.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.reference}`, headers: { cookie } });
    expect(byRef.json().id).toBe(ticket.id);

    const other = await loginCookie(h, world.managerB.email);
    const foreign = await h.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: { cookie: other } });
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
});
