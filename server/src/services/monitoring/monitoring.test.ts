import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articles,
  categories,
  monitorChecks,
  monitors,
  notifications,
  statusComponents,
  statusIncidents,
  tickets,
} from '../../db/schema.ts';
import { loginCookie, makeGroup, makeWorld } from '../../../test/factories.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { createMonitor } from './create-monitor.ts';
import { getMonitor } from './get-monitor.ts';
import { listMonitors } from './list-monitors.ts';
import { maskTarget } from './monitor-view.ts';
import { recordCheckResult } from './record-check-result.ts';
import { rollUpMonitorChecks } from './roll-up-monitor-checks.ts';
import { tickMonitors } from './tick-monitors.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let groupId: string;
let healthy = true;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  h = await createHarness();
  world = await makeWorld(h);
  groupId = (await makeGroup(h, [world.agent.id])).id;
  server = http.createServer((req, res) => {
    res.writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: healthy ? 'ok' : 'broken' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await h?.close();
});

const admin = () => h.as({ ...world.admin, role: 'admin' });
const row = async (id: string) => (await h.deps.db.select().from(monitors).where(eq(monitors.id, id)))[0]!;
const monitoringTickets = () => h.deps.db.select().from(tickets).where(eq(tickets.channel, 'monitoring'));

/** One interval passes: the tick hands out what is due, and the worker runs the checks. */
async function cycle(seconds = 10) {
  h.clock.advance(seconds * 1000);
  await tickMonitors(h.deps);
  await h.runJobs();
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('monitoring', () => {
  it('opens one incident ticket after N failures and resolves it after M successes', async () => {
    const now = h.clock.now();
    const [component] = await h.deps.db
      .insert(statusComponents)
      .values({ name: 'Website', createdAt: now, updatedAt: now })
      .returning();
    const monitor = await createMonitor({
      ctx: admin(),
      input: {
        name: 'Website',
        kind: 'http',
        target: `${baseUrl}/health`,
        intervalSeconds: 10,
        failuresBeforeDown: 2,
        successesBeforeUp: 2,
        componentId: component!.id,
        groupId,
        urgency: 'high',
        impact: 'normal',
        settings: { jsonPath: '$.status', jsonExpected: 'ok' },
      },
    });
    await cycle();
    expect((await row(monitor.id)).state).toBe('pending');
    await cycle();
    expect((await row(monitor.id)).state).toBe('up');

    healthy = false;
    await cycle();
    expect((await row(monitor.id)).state).toBe('up');
    expect(await monitoringTickets()).toHaveLength(0);
    await cycle();
    const down = await row(monitor.id);
    expect(down.state).toBe('down');
    const [ticket, ...more] = await monitoringTickets();
    expect(more).toHaveLength(0);
    expect(ticket).toMatchObject({ subject: 'Website is down', groupId, urgency: 'high', impact: 'normal' });
    expect(down.openTicketId).toBe(ticket!.id);
    const [category] = await h.deps.db.select().from(categories).where(eq(categories.id, ticket!.categoryId));
    expect(category!.key).toBe('incident');
    const told = await h.deps.db.select().from(notifications).where(eq(notifications.ticketId, ticket!.id));
    expect(told.map((n) => n.personId)).toEqual([world.agent.id]);
    const [comp] = await h.deps.db.select().from(statusComponents).where(eq(statusComponents.id, component!.id));
    expect(comp!.state).toBe('partial_outage');
    const [incident] = await h.deps.db
      .select()
      .from(statusIncidents)
      .where(eq(statusIncidents.id, down.openStatusIncidentId!));
    expect(incident).toMatchObject({ status: 'investigating', isPublished: false });

    await cycle();
    await cycle();
    expect(await monitoringTickets()).toHaveLength(1);

    healthy = true;
    await cycle();
    expect((await row(monitor.id)).state).toBe('down');
    await cycle();
    const up = await row(monitor.id);
    expect(up).toMatchObject({ state: 'up', openTicketId: null, openStatusIncidentId: null });
    const [resolved] = await monitoringTickets();
    expect(resolved!.statusKind).toBe('resolved');
    const notes = await h.deps.db
      .select()
      .from(articles)
      .where(and(eq(articles.ticketId, ticket!.id), eq(articles.kind, 'note')));
    expect(notes[0]!.body).toContain('is up again');
    const [restored] = await h.deps.db.select().from(statusComponents).where(eq(statusComponents.id, component!.id));
    expect(restored!.state).toBe('operational');
    const [closedIncident] = await h.deps.db.select().from(statusIncidents).where(eq(statusIncidents.id, incident!.id));
    expect(closedIncident!.status).toBe('resolved');

    await rollUpMonitorChecks(h.deps);
    const detail = await getMonitor({ ctx: h.as({ ...world.agent, role: 'agent' }), id: monitor.id });
    expect(detail.recentChecks.length).toBe(8);
    expect(detail.uptime.last24Hours).toBeCloseTo(4 / 8);
    expect(detail.uptime.last30Days).toBeCloseTo(4 / 8);
    const lags = (await h.deps.db.select().from(monitorChecks).where(eq(monitorChecks.monitorId, monitor.id))).map(
      (c) => c.checkedAt.getTime() - c.scheduledAt.getTime(),
    );
    expect(lags.every((lag) => lag >= 0 && lag < 10_000)).toBe(true);
  });

  it('finds a closed TCP port down', async () => {
    const port = await freePort();
    const monitor = await createMonitor({
      ctx: admin(),
      input: {
        name: 'Closed port',
        kind: 'tcp',
        target: `127.0.0.1:${port}`,
        intervalSeconds: 10,
        failuresBeforeDown: 1,
      },
    });
    await cycle();
    const after = await row(monitor.id);
    expect(after.state).toBe('down');
    expect(after.lastMessage).toMatch(/ECONNREFUSED/);
    await h.deps.db.update(monitors).set({ state: 'paused', nextCheckAt: null }).where(eq(monitors.id, monitor.id));
  });

  it.skipIf(!existsSync('/usr/bin/openssl'))('reports an expired self-signed certificate', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loket-monitor-tls-'));
    const key = path.join(dir, 'key.pem');
    const fresh = path.join(dir, 'fresh.pem');
    const expired = path.join(dir, 'expired.pem');
    const quiet = { stdio: 'ignore' as const };
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        fresh,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      quiet,
    );
    // Re-signed to end a day before it starts: expired from the first second.
    execFileSync('openssl', ['x509', '-in', fresh, '-signkey', key, '-days', '-1', '-out', expired], quiet);
    const tlsServer = tls.createServer({ key: await readFile(key), cert: await readFile(expired) }, (s) => s.end());
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    try {
      h.clock.set(new Date());
      const port = (tlsServer.address() as net.AddressInfo).port;
      const monitor = await createMonitor({
        ctx: admin(),
        input: {
          name: 'Certificate',
          kind: 'tls',
          target: `localhost:${port}`,
          intervalSeconds: 10,
          failuresBeforeDown: 1,
        },
      });
      await cycle();
      const after = await row(monitor.id);
      expect(after.state).toBe('down');
      expect(after.lastMessage).toMatch(/certificate expired .*not trusted/);
      await h.deps.db.update(monitors).set({ state: 'paused', nextCheckAt: null }).where(eq(monitors.id, monitor.id));
    } finally {
      tlsServer.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes heartbeats by secret and finds one that stops', async () => {
    const monitor = await createMonitor({
      ctx: admin(),
      input: {
        name: 'Nightly backup',
        kind: 'heartbeat',
        intervalSeconds: 30,
        heartbeatPeriodSeconds: 60,
        failuresBeforeDown: 1,
      },
    });
    expect(monitor.heartbeatUrl).toContain(`/api/v1/heartbeats/${monitor.heartbeatSecret}`);
    const beat = (query = '') =>
      h.app.inject({ method: 'POST', url: `/api/v1/heartbeats/${monitor.heartbeatSecret}${query}` });
    expect((await beat()).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/heartbeats/hb_wrong' })).statusCode).toBe(404);
    await cycle(1);
    expect((await row(monitor.id)).state).toBe('up');
    await cycle(50);
    expect((await row(monitor.id)).state).toBe('up');
    await cycle(30);
    const silent = await row(monitor.id);
    expect(silent.state).toBe('down');
    expect(silent.lastMessage).toMatch(/no heartbeat for/);
    expect((await beat()).statusCode).toBe(200);
    await cycle(1);
    expect((await row(monitor.id)).state).toBe('up');
    expect((await beat('?status=fail')).statusCode).toBe(200);
    await cycle(1);
    expect((await row(monitor.id)).lastMessage).toBe('the job reported a failure');
    expect((await row(monitor.id)).state).toBe('down');
    await h.deps.db.update(monitors).set({ state: 'paused', nextCheckAt: null }).where(eq(monitors.id, monitor.id));
  });

  it('never opens two tickets for results or ticks that arrive at once', async () => {
    const monitor = await createMonitor({
      ctx: admin(),
      input: { name: 'Racy', kind: 'tcp', target: '127.0.0.1:9', intervalSeconds: 10, failuresBeforeDown: 1 },
    });
    await h.deps.db.update(monitors).set({ state: 'paused', nextCheckAt: null });
    await h.deps.db.update(monitors).set({ state: 'pending' }).where(eq(monitors.id, monitor.id));
    const before = (await monitoringTickets()).length;
    const fail = { ok: false, latencyMs: null, message: 'refused' };
    const scheduledAt = h.clock.now();
    await Promise.all(
      Array.from({ length: 5 }, () => recordCheckResult(h.deps, { monitorId: monitor.id, scheduledAt, result: fail })),
    );
    expect((await monitoringTickets()).length).toBe(before + 1);
    await h.deps.db.update(monitors).set({ nextCheckAt: h.clock.now() }).where(eq(monitors.id, monitor.id));
    h.clock.advance(10_000);
    const [a, b] = await Promise.all([tickMonitors(h.deps), tickMonitors(h.deps)]);
    expect(a!.claimed + b!.claimed).toBe(1);
    await h.runJobs();
    expect((await monitoringTickets()).length).toBe(before + 1);
  });

  it('lets admins manage monitors over the API and agents read them', async () => {
    const adminCookie = await loginCookie(h, world.admin.email);
    const agentCookie = await loginCookie(h, world.agent.email);
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: { cookie: agentCookie },
      payload: { name: 'Nope', kind: 'tcp', target: '127.0.0.1:1' },
    });
    expect(create.statusCode).toBe(403);
    const made = await h.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: { cookie: adminCookie },
      payload: { name: 'API', kind: 'tcp', target: 'not a host', intervalSeconds: 10 },
    });
    expect(made.statusCode).toBe(400);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: { cookie: adminCookie },
      payload: { name: 'API', kind: 'http', target: 'http://10.0.0.1/health', intervalSeconds: 10 },
    });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().id as string;
    const paused = await h.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${id}/pause`,
      headers: { cookie: adminCookie },
    });
    expect(paused.json()).toMatchObject({ state: 'paused', nextCheckAt: null });
    const resumed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${id}/resume`,
      headers: { cookie: adminCookie },
    });
    expect(resumed.json().state).toBe('pending');
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${id}`,
      headers: { cookie: adminCookie },
      payload: { intervalSeconds: 30 },
    });
    expect(patched.json().intervalSeconds).toBe(30);
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: { cookie: agentCookie } });
    expect(list.json().items.map((m: { name: string }) => m.name)).toContain('API');
    const gone = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/monitors/${id}`,
      headers: { cookie: adminCookie },
    });
    expect(gone.statusCode).toBe(204);
  });
  it('masks query values and user information in targets for agents, not for admins', async () => {
    const target = 'https://probe:hunter2@api.example.test/health?apikey=SECRET-KEY&region=eu#frag';
    const monitor = await createMonitor({
      ctx: admin(),
      input: {
        name: 'Secret API',
        kind: 'http',
        target,
        intervalSeconds: 60,
        failuresBeforeDown: 1,
        successesBeforeUp: 1,
        groupId,
        urgency: 'low',
        impact: 'normal',
      },
    });
    expect(monitor.target).toBe(target);
    const agentCtx = h.as({ ...world.agent, role: 'agent' });
    const seen = await getMonitor({ ctx: agentCtx, id: monitor.id });
    expect(seen.target).toBe('https://***:***@api.example.test/health?apikey=***&region=***');
    const listed = (await listMonitors({ ctx: agentCtx })).items.find((m) => m.id === monitor.id)!;
    expect(listed.target).toBe(seen.target);
    expect(JSON.stringify(listed)).not.toContain('SECRET-KEY');
    expect(JSON.stringify(listed)).not.toContain('hunter2');
    expect((await getMonitor({ ctx: admin(), id: monitor.id })).target).toBe(target);
    expect((await listMonitors({ ctx: admin() })).items.find((m) => m.id === monitor.id)!.target).toBe(target);
    expect(maskTarget('db.internal:5432')).toBe('db.internal:5432');
    expect(maskTarget('https://example.test/status')).toBe('https://example.test/status');
  });
});
