import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articles,
  contracts,
  outbox,
  statusIncidentComponents,
  statusIncidents,
  statusIncidentUpdates,
  statusSubscriptions,
  statusWebhookDeliveries,
} from '../../db/schema.ts';
import { secretBox } from '../../adapters/secret-box.ts';
import { SUBSCRIBE_MAX_PER_ADDRESS } from '../../services/status/claim-subscribe-attempt.ts';
import { MAX_WEBHOOKS_PER_HOST } from '../../services/status/subscribe.ts';
import { createTicket } from '../../services/tickets/create-ticket.ts';
import { type makeWorld } from '../../../test/factories.ts';
import { type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let agent: string;
let admin: string;
let managerA: string;
let contractA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ world, agent, admin, managerA } = await makeLoggedInWorld(h));
  const [contract] = await h.deps.db
    .insert(contracts)
    .values({ organisationId: world.orgA.id, name: 'A agreement', createdAt: h.clock.now(), updatedAt: h.clock.now() })
    .returning();
  contractA = contract!.id;
});
afterAll(() => h.close());
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);
const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

describe('status page', () => {
  it('creates components, shows public ones publicly and private ones only to their organisation', async () => {
    const pub = await call(agent, 'POST', '/components', { name: 'Public mail', group: 'Hosting', isPublic: true });
    expect(pub.statusCode).toBe(201);
    expect(pub.json()).toMatchObject({ name: 'Public mail', group: 'Hosting', isPublic: true, state: 'operational' });
    const priv = await call(agent, 'POST', '/components', {
      name: 'SECRET-A-ERP',
      isPublic: false,
      contractIds: [contractA],
    });
    expect(priv.statusCode).toBe(201);
    expect((await call(managerA, 'POST', '/components', { name: 'x', isPublic: true })).statusCode).toBe(403);

    const page = await get('/status');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Public mail');
    expect(page.body).not.toContain('SECRET-A-ERP');
    expect(page.headers['cache-control']).toBe('public, max-age=30');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get('/api/v2/components.json')).body).not.toContain('SECRET-A-ERP');

    const mineA = await get('/status/mine', { cookie: managerA });
    expect(mineA.body).toContain('SECRET-A-ERP');
    const { loginCookie } = await import('../../../test/factories.ts');
    const mineB = await get('/status/mine', { cookie: await loginCookie(h, world.managerB.email) });
    expect(mineB.statusCode).toBe(200);
    expect(mineB.body).toContain('Public mail');
    expect(mineB.body).not.toContain('SECRET-A-ERP');
    expect((await get('/status/mine')).statusCode).toBe(302);
  });

  it('shows an organisation its incident though 500 newer ones of another organisation are published', async () => {
    const [contractB] = await h.deps.db
      .insert(contracts)
      .values({ organisationId: world.orgB.id, name: 'B terms', createdAt: h.clock.now(), updatedAt: h.clock.now() })
      .returning();
    const compA = (
      await call(agent, 'POST', '/components', { name: 'A-VPN', isPublic: false, contractIds: [contractA] })
    ).json();
    const compB = (
      await call(agent, 'POST', '/components', { name: 'B-VPN', isPublic: false, contractIds: [contractB!.id] })
    ).json();
    const later = (n: number) => new Date(h.clock.now().getTime() + 60_000 + n * 1000);
    const others = await h.deps.db
      .insert(statusIncidents)
      .values(
        Array.from({ length: 500 }, (_, n) => ({
          name: `B-incident-${n}`,
          impact: 'minor' as const,
          status: 'investigating' as const,
          isPublished: true,
          startedAt: later(n),
          createdAt: later(n),
          updatedAt: later(n),
        })),
      )
      .returning({ id: statusIncidents.id });
    await h.deps.db
      .insert(statusIncidentComponents)
      .values(others.map((o) => ({ incidentId: o.id, componentId: compB.id })));
    // Made through the API (older than all of B's), so the page's version moves and the view is read afresh.
    await call(agent, 'POST', '/incidents', { name: 'A-VPN-DOWN', body: 'Tunnel down', componentIds: [compA.id] });
    const mineA = await get('/status/mine', { cookie: managerA });
    expect(mineA.body).toContain('A-VPN-DOWN');
    expect(mineA.body).not.toContain('B-incident-');
  });

  it('answers 304 to a matching If-None-Match, and a new ETag after a change', async () => {
    const first = await get('/api/v2/summary.json');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect((await get('/api/v2/summary.json', { 'if-none-match': etag })).statusCode).toBe(304);
    await call(agent, 'POST', '/components', { name: 'Backups', isPublic: true });
    const after = await get('/api/v2/summary.json', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('serves Statuspage v2 shapes with incidents and maintenance', async () => {
    const component = (await call(agent, 'POST', '/components', { name: 'Web', isPublic: true })).json();
    const incident = await call(agent, 'POST', '/incidents', {
      name: 'Web is slow',
      impact: 'minor',
      body: 'Looking into it',
      componentIds: [component.id],
      componentState: 'degraded_performance',
    });
    expect(incident.statusCode).toBe(201);
    await call(agent, 'POST', '/maintenances', {
      name: 'Upgrade',
      componentIds: [component.id],
      scheduledFor: '2030-01-01T22:00:00Z',
      scheduledUntil: '2030-01-02T00:00:00Z',
    });
    const summary = (await get('/api/v2/summary.json')).json();
    expect(Object.keys(summary.page).sort()).toEqual(['id', 'name', 'time_zone', 'updated_at', 'url']);
    expect(summary.status).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
    const web = summary.components.find((c: { id: string }) => c.id === component.id);
    expect(web).toMatchObject({
      status: 'degraded_performance',
      group: false,
      only_show_if_degraded: false,
      showcase: true,
    });
    for (const key of ['created_at', 'updated_at', 'position', 'description', 'group_id'])
      expect(web).toHaveProperty(key);
    expect(summary.incidents[0]).toMatchObject({ name: 'Web is slow', status: 'investigating', impact: 'minor' });
    for (const key of [
      'monitoring_at',
      'resolved_at',
      'shortlink',
      'started_at',
      'page_id',
      'incident_updates',
      'components',
    ]) {
      expect(summary.incidents[0]).toHaveProperty(key);
    }
    expect((await get('/api/v2/scheduled-maintenances/upcoming.json')).json().scheduled_maintenances[0]).toMatchObject({
      name: 'Upgrade',
      scheduled_for: '2030-01-01T22:00:00.000Z',
    });
    expect((await get('/status/maintenance.ics')).body).toContain('SUMMARY:Upgrade');
    expect((await get('/status/feed.atom')).body).toContain('Web is slow');
    expect((await get('/status/feed.rss')).body).toContain('Web is slow');
    expect((await get('/status', { 'accept-language': 'nl;q=0.9, de' })).body).toContain('lang="nl"');
  });

  it('posts an incident update to linked tickets and tells their requesters when resolved', async () => {
    const ticket = await createTicket({
      ctx: h.as({ ...world.contactA, role: 'contact' }),
      input: { subject: 'Mail down?', body: 'No mail' },
    });
    const incident = (await call(agent, 'POST', '/incidents', { name: 'Mail outage', body: 'Investigating' })).json();
    expect((await call(agent, 'POST', `/incidents/${incident.id}/tickets`, { ticketId: ticket.id })).statusCode).toBe(
      200,
    );
    const update = await call(agent, 'POST', `/incidents/${incident.id}/updates`, {
      status: 'identified',
      body: 'A full disk',
      postToTickets: true,
    });
    expect(update.statusCode).toBe(201);
    const replies = await h.deps.db.select().from(articles).where(eq(articles.ticketId, ticket.id));
    expect(replies.some((a) => a.body?.includes('A full disk'))).toBe(true);
    await call(agent, 'POST', `/incidents/${incident.id}/updates`, { status: 'resolved', body: 'Disk cleared' });
    const mails = await h.deps.db.select().from(outbox).where(eq(outbox.kind, 'status_incident_resolved'));
    expect(mails.map((m) => m.toAddress)).toEqual([world.contactA.email.toLowerCase()]);
    expect(
      (await call(agent, 'POST', `/incidents/${incident.id}/updates`, { status: 'monitoring', body: 'x' })).statusCode,
    ).toBe(409);
  });

  it('tells subscribers of a new incident once, also when it opens further along or already resolved', async () => {
    const notified = async (incidentId: string) => {
      const updates = await h.deps.db
        .select()
        .from(statusIncidentUpdates)
        .where(eq(statusIncidentUpdates.incidentId, incidentId))
        .orderBy(statusIncidentUpdates.createdAt);
      const ids = new Set(updates.map((u) => u.id));
      const jobs = await h.boss.fetch<{ incidentUpdateId: string }>('status.notify', { batchSize: 100 });
      return { updates: updates.map((u) => u.status), jobs: jobs.filter((j) => ids.has(j.data.incidentUpdateId)) };
    };
    const identified = (
      await call(agent, 'POST', '/incidents', { name: 'Slow VPN', body: 'A saturated link', status: 'identified' })
    ).json();
    expect(identified.status).toBe('identified');
    const first = await notified(identified.id);
    expect(first.updates).toEqual(['identified']);
    expect(first.jobs).toHaveLength(1);

    const resolved = (
      await call(agent, 'POST', '/incidents', { name: 'Night outage', body: 'Restored at 03:10', status: 'resolved' })
    ).json();
    expect(resolved.status).toBe('resolved');
    const second = await notified(resolved.id);
    expect(second.updates).toEqual(['investigating', 'resolved']);
    expect(second.jobs).toHaveLength(1);
  });

  it('opts e-mail subscribers in twice and unsubscribes them in one click', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/status/subscriptions',
      payload: { email: 'Fan@Example.com' },
    });
    expect(res.statusCode).toBe(201);
    const [mail] = await h.deps.db.select().from(outbox).where(eq(outbox.kind, 'status_subscription_confirm'));
    const token = /token=(\S+)/.exec(mail!.textBody)![1]!;
    expect((await get(`/status/confirm?token=${token}`)).body).toContain('<form method="post">');
    const confirm = await h.app.inject({
      method: 'POST',
      url: '/status/confirm',
      payload: `token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirm.statusCode).toBe(200);
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/status/subscriptions/confirm', payload: { token } }))
        .statusCode,
    ).toBe(404);

    await call(agent, 'POST', '/incidents', { name: 'Notify me', body: 'Something' });
    await call(agent, 'POST', '/incidents', { name: 'Notify me again', body: 'Something else' });
    await h.runJobs();
    const notices = await h.deps.db.select().from(outbox).where(eq(outbox.kind, 'status_incident_update'));
    expect(notices.length).toBeGreaterThan(1);
    expect(notices.every((n) => n.toAddress === 'fan@example.com')).toBe(true);
    // One stable one-click token per subscription: every mail carries the same link, and the oldest one works.
    const links = notices.map((n) => /unsubscribe\?token=(\S+)/.exec(n.textBody)![1]!);
    expect(new Set(links).size).toBe(1);
    const statuses: number[] = [];
    for (const unsub of links) {
      const done = await h.app.inject({
        method: 'POST',
        url: '/api/v1/status/subscriptions/unsubscribe',
        payload: { token: unsub },
      });
      statuses.push(done.statusCode);
    }
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(
      (await call(admin, 'GET', '/status/subscriptions')).json().items.map((s: { email: string }) => s.email),
    ).not.toContain('fan@example.com');
  });

  it('does not let a re-subscribe change a confirmed subscription', async () => {
    const subscribeFan = (payload: object) =>
      h.app.inject({ method: 'POST', url: '/api/v1/status/subscriptions', payload, remoteAddress: '198.51.100.7' });
    const first = await subscribeFan({ email: 'victim@example.com', language: 'nl' });
    expect(first.statusCode).toBe(201);
    const mails = await h.deps.db.select().from(outbox).where(eq(outbox.toAddress, 'victim@example.com'));
    const token = /token=(\S+)/.exec(mails.at(-1)!.textBody)![1]!;
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/status/subscriptions/confirm', payload: { token } }))
        .statusCode,
    ).toBe(200);
    const [before] = await h.deps.db
      .select()
      .from(statusSubscriptions)
      .where(eq(statusSubscriptions.email, 'victim@example.com'));
    const component = await call(agent, 'POST', '/components', { name: 'Narrowed', isPublic: true });
    const again = await subscribeFan({
      email: 'Victim@Example.com',
      language: 'sv',
      componentIds: [component.json().id],
    });
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json()).toEqual(first.json());
    const [after] = await h.deps.db
      .select()
      .from(statusSubscriptions)
      .where(eq(statusSubscriptions.email, 'victim@example.com'));
    expect(after).toEqual(before);
    expect(await h.deps.db.select().from(outbox).where(eq(outbox.toAddress, 'victim@example.com'))).toHaveLength(
      mails.length,
    );
  });

  it('limits webhook subscribe attempts per host, whatever the query string, and active webhooks per host', async () => {
    const hook = (url: string, ip: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/status/subscriptions', payload: { url }, remoteAddress: ip });
    const codes: number[] = [];
    for (let i = 0; i < SUBSCRIBE_MAX_PER_ADDRESS + 2; i++) {
      codes.push((await hook(`https://victim.example/hook?n=${i}`, `203.0.113.${i + 1}`)).statusCode);
    }
    // The first few pass (up to the cap on active webhooks), then every variation is refused.
    expect(codes.slice(0, MAX_WEBHOOKS_PER_HOST)).toEqual(Array(MAX_WEBHOOKS_PER_HOST).fill(201));
    expect(codes.slice(SUBSCRIBE_MAX_PER_ADDRESS)).toEqual([429, 429]);
    expect((await hook('https://VICTIM.example./other?x=1', '203.0.113.50')).statusCode).toBe(429);

    // Active webhooks per host are capped even when attempts are spread over time.
    h.clock.advance(2 * 60 * 60_000);
    expect((await hook('https://victim.example/again', '203.0.113.60')).statusCode).toBe(429);
    const rows = await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.kind, 'webhook'));
    expect(rows.filter((r) => new URL(r.url!).hostname === 'victim.example')).toHaveLength(MAX_WEBHOOKS_PER_HOST);
    // Another host is unaffected.
    expect((await hook('https://other.example/hook', '203.0.113.61')).statusCode).toBe(201);
    // These hosts do not exist: remove them so the tests after this one deliver nothing to them.
    await h.deps.db.delete(statusSubscriptions).where(eq(statusSubscriptions.kind, 'webhook'));
  });

  it('signs webhooks, refuses a loopback target, and delivers once an admin allows it', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const sub = await h.app.inject({
        method: 'POST',
        url: '/api/v1/status/subscriptions',
        payload: { url: `http://127.0.0.1:${port}/hook` },
      });
      expect(sub.statusCode).toBe(201);
      const { id, secret } = sub.json();
      // The signing key is kept sealed: the table alone does not give it away.
      const [stored] = await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.id, id));
      expect(stored!.secret).toMatch(/^enc:v1:/);
      expect(stored!.secret).not.toContain(secret);
      await call(agent, 'POST', '/incidents', { name: 'Hooked', body: 'First' });
      await h.runJobs();
      expect(received).toEqual([]);
      const refused = await h.deps.db
        .select()
        .from(statusWebhookDeliveries)
        .where(eq(statusWebhookDeliveries.status, 'refused'));
      expect(refused.length).toBe(1);

      expect((await call(admin, 'PATCH', '/status/settings', { webhookAllowedHosts: ['127.0.0.1'] })).statusCode).toBe(
        200,
      );
      await call(agent, 'POST', '/incidents', { name: 'Hooked again', body: 'Second' });
      await h.runJobs();
      expect(received.length).toBe(1);
      const { headers, body } = received[0]!;
      const expected = createHmac('sha256', secret).update(`${headers['x-loket-timestamp']}.${body}`).digest('hex');
      expect(headers['x-loket-signature']).toBe(`sha256=${expected}`);
      expect(JSON.parse(body).incident.name).toBe('Hooked again');
    } finally {
      server.close();
    }
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  // Its own database: the webhook subscriptions left by the tests above would be notified too.
  let h: Harness;
  let agent: string;
  beforeAll(async () => {
    h = await createHarness();
    ({ agent } = await makeLoggedInWorld(h));
  });
  afterAll(() => h.close());
  const call = (cookie: string, method: Method, url: string, payload?: object) =>
    callApi(h, cookie, method, url, payload);
  const get = (url: string) => h.app.inject({ method: 'GET', url });

  it('gives a subscriber whose key was sealed under another SECRET_KEY a new key, and a link that works', async () => {
    const email = 'rekeyed@example.com';
    const foreign = secretBox(randomBytes(32)).seal('status_subscription.secret', 'unsubkey_lost');
    await h.deps.db.insert(statusSubscriptions).values({
      kind: 'email',
      email,
      secret: foreign,
      unsubscribeTokenHash: `lost-${email}`,
      confirmedAt: h.clock.now(),
      createdAt: h.clock.now(),
    });
    await call(agent, 'POST', '/incidents', { name: 'Rekeyed notice', body: 'Something' });
    await h.runJobs();
    const [row] = await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.email, email));
    expect(row!.secret).not.toBe(foreign);
    expect(h.deps.secrets.tryOpen('status_subscription.secret', row!.secret!).ok).toBe(true);
    const [notice] = await h.deps.db.select().from(outbox).where(eq(outbox.toAddress, email));
    const url = new URL(notice!.listUnsubscribeUrl!);
    const unsubscribed = await h.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unsubscribed.body).toContain('You are unsubscribed.');
    expect(await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.email, email))).toEqual([]);
  });

  it('unsubscribes on the provider’s POST to the List-Unsubscribe URL, and not on a GET', async () => {
    const fans = ['oneclick-form@example.com', 'oneclick-multipart@example.com'];
    for (const email of fans) {
      await h.deps.db.insert(statusSubscriptions).values({
        kind: 'email',
        email,
        unsubscribeTokenHash: `legacy-${email}`,
        confirmedAt: h.clock.now(),
        createdAt: h.clock.now(),
      });
    }
    await call(agent, 'POST', '/incidents', { name: 'One-click notice', body: 'Something' });
    await h.runJobs();
    const pathOf = async (email: string) => {
      const [notice] = await h.deps.db.select().from(outbox).where(eq(outbox.toAddress, email));
      expect(notice!.textBody).toContain(notice!.listUnsubscribeUrl!);
      const url = new URL(notice!.listUnsubscribeUrl!);
      expect(url.pathname).toBe('/status/unsubscribe');
      return `${url.pathname}${url.search}`;
    };
    const subscribed = async (email: string) =>
      (await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.email, email))).length === 1;

    // A scanner following the link changes nothing.
    const formPath = await pathOf(fans[0]!);
    const shown = await get(formPath);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<form method="post">');
    expect(await subscribed(fans[0]!)).toBe(true);

    // The provider's POST: no cookie, no Origin, the RFC 8058 body, the token only in the URL.
    const oneClick = await h.app.inject({
      method: 'POST',
      url: formPath,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('You are unsubscribed.');
    expect(await subscribed(fans[0]!)).toBe(false);

    // RFC 8058 prefers multipart/form-data; that works as well.
    const boundary = 'loket-test-boundary';
    const multipart = await h.app.inject({
      method: 'POST',
      url: await pathOf(fans[1]!),
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n` +
        `--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(multipart.statusCode).toBe(200);
    expect(await subscribed(fans[1]!)).toBe(false);

    // Repeated by the provider: the link is used up, nothing else happens.
    const again = await h.app.inject({
      method: 'POST',
      url: formPath,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.statusCode).toBe(404);
  });
});
