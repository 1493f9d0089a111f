import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, statusComponentIntervals } from '../../db/schema.ts';
import { SUBSCRIBE_MAX_PER_ADDRESS, SUBSCRIBE_MAX_PER_IP } from '../../services/status/claim-subscribe-attempt.ts';
import { type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let agent: string;
let managerA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ agent, managerA } = await makeLoggedInWorld(h));
});
afterAll(() => h.close());
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);
const get = (url: string) => h.app.inject({ method: 'GET', url });

describe('maintenance over HTTP', () => {
  it('steps forward only, puts its components under maintenance and restores them when completed', async () => {
    const component = (await call(agent, 'POST', '/components', { name: 'Database cluster', isPublic: true })).json();
    const now = h.clock.now().getTime();
    const created = await call(agent, 'POST', '/maintenances', {
      name: 'Cluster upgrade',
      body: 'Planned upgrade',
      componentIds: [component.id],
      scheduledFor: new Date(now + 3_600_000).toISOString(),
      scheduledUntil: new Date(now + 7_200_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ status: 'scheduled', componentIds: [component.id] });
    const upcoming = (await get('/api/v2/scheduled-maintenances/upcoming.json')).json();
    expect(upcoming.scheduled_maintenances.map((m: { id: string }) => m.id)).toContain(id);

    const step = (status: string, cookie = agent) =>
      call(cookie, 'POST', `/maintenances/${id}/steps`, { status, body: `Now ${status}` });
    expect((await step('in_progress', managerA)).statusCode).toBe(403);
    h.clock.advance(60_000);
    expect((await step('in_progress')).json()).toMatchObject({ status: 'in_progress' });
    expect((await call(agent, 'GET', `/components/${component.id}`)).json().state).toBe('under_maintenance');
    const active = (await get('/api/v2/scheduled-maintenances/active.json')).json();
    expect(active.scheduled_maintenances.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await get('/api/v2/components.json')).body).toContain('"status":"under_maintenance"');

    expect((await step('in_progress')).statusCode).toBe(409);
    expect((await step('scheduled')).statusCode).toBe(409);
    h.clock.advance(60_000);
    expect((await step('verifying')).json()).toMatchObject({ status: 'verifying' });
    expect((await call(agent, 'GET', `/components/${component.id}`)).json().state).toBe('under_maintenance');
    h.clock.advance(60_000);
    const completed = (await step('completed')).json();
    expect(completed).toMatchObject({ status: 'completed' });
    expect(completed.updates.map((u: { status: string }) => u.status)).toEqual(
      expect.arrayContaining(['scheduled', 'in_progress', 'verifying', 'completed']),
    );
    expect((await call(agent, 'GET', `/components/${component.id}`)).json().state).toBe('operational');
    expect((await step('completed')).statusCode).toBe(409);
    expect((await get('/api/v2/scheduled-maintenances/active.json')).json().scheduled_maintenances).toEqual([]);

    // The maintenance is one interval of its own, which uptime leaves out.
    const intervals = await h.deps.db
      .select()
      .from(statusComponentIntervals)
      .where(eq(statusComponentIntervals.componentId, component.id));
    expect(intervals.map((i) => i.state).sort()).toEqual(['operational', 'operational', 'under_maintenance']);
    const spell = intervals.find((i) => i.state === 'under_maintenance')!;
    expect(spell.endedAt!.getTime() - spell.startedAt.getTime()).toBe(120_000);
  });

  it('answers 404 for a step on a maintenance that does not exist', async () => {
    const res = await call(agent, 'POST', '/maintenances/00000000-0000-4000-8000-000000000000/steps', {
      status: 'in_progress',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('subscribe rate limit', () => {
  const subscribe = (email: string, ip: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/status/subscriptions', payload: { email }, remoteAddress: ip });

  it('limits requests per e-mail address, whatever the client address', async () => {
    for (let n = 0; n < SUBSCRIBE_MAX_PER_ADDRESS; n++) {
      expect((await subscribe('Busy@Example.com', `198.51.100.${n + 1}`)).statusCode).toBe(201);
    }
    const refused = await subscribe('busy@example.com', '198.51.100.99');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    const mails = await h.deps.db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.kind, 'status_subscription_confirm'), eq(outbox.toAddress, 'busy@example.com')));
    expect(mails[0]!.n).toBe(SUBSCRIBE_MAX_PER_ADDRESS);
    // An hour later the address may ask again.
    h.clock.advance(61 * 60_000);
    expect((await subscribe('busy@example.com', '198.51.100.99')).statusCode).toBe(201);
  });

  it('limits requests per client address, and leaves other clients alone', async () => {
    for (let n = 0; n < SUBSCRIBE_MAX_PER_IP; n++) {
      expect((await subscribe(`reader${n}@example.com`, '203.0.113.7')).statusCode).toBe(201);
    }
    expect((await subscribe('one-more@example.com', '203.0.113.7')).statusCode).toBe(429);
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/status/subscriptions',
          payload: { url: 'https://hooks.example.com/status' },
          remoteAddress: '203.0.113.7',
        })
      ).statusCode,
    ).toBe(429);
    expect((await subscribe('one-more@example.com', '203.0.113.8')).statusCode).toBe(201);
  });
});
