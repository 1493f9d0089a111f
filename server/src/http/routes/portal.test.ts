import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWENTY_FOUR_SEVEN } from '../../domain/sla/calendar.ts';
import type { makeWorld } from '../../../test/factories.ts';
import { loginCookie } from '../../../test/factories.ts';
import { type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let admin: string;
let agent: string;
let contactA: string;
let contactB: string;
let contractA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ world, admin, agent, contactA } = await makeLoggedInWorld(h));
  contactB = await loginCookie(h, world.contactB.email);
  const definition = TWENTY_FOUR_SEVEN('Europe/Amsterdam');
  const calendarId = (await call(admin, 'POST', '/calendars', { name: 'Always', definition })).json().id;
  const hours = (n: number) => n * 60;
  const contract = await call(admin, 'POST', '/contracts', {
    organisationId: world.orgA.id,
    name: 'A agreement',
    version: {
      calendarId,
      targets: {
        P1: { firstResponseMinutes: hours(1), resolutionMinutes: hours(4), updateMinutes: hours(1) },
        P2: { firstResponseMinutes: hours(2), resolutionMinutes: hours(8) },
        P3: { firstResponseMinutes: hours(4), resolutionMinutes: hours(16) },
        P4: { firstResponseMinutes: hours(8), resolutionMinutes: hours(40) },
      },
    },
  });
  expect(contract.statusCode).toBe(201);
  contractA = contract.json().id;
});
afterAll(() => h.close());
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

describe('portal service terms', () => {
  it("gives a customer their own organisation's matrix and targets, and nothing internal", async () => {
    const res = await call(contactA, 'GET', '/portal/service-terms');
    expect(res.statusCode).toBe(200);
    const terms = res.json();
    expect(terms.contract).toEqual({ timeZone: 'Europe/Amsterdam' });
    expect(terms.matrix).toHaveLength(9);
    expect(terms.matrix).toContainEqual({ urgency: 'high', impact: 'high', priority: 'P1' });
    expect(terms.targets.P2).toEqual({ firstResponseMinutes: 120, resolutionMinutes: 480 });
    expect(JSON.stringify(terms)).not.toMatch(/pausing|warnings|updateMinutes/);
  });

  it("never shows another organisation's contract: without one of their own, the desk's matrix and no targets", async () => {
    const terms = (await call(contactB, 'GET', '/portal/service-terms')).json();
    expect(terms.contract).toBeNull();
    expect(terms.targets).toBeNull();
    expect(terms.matrix).toHaveLength(9);
    expect(JSON.stringify(terms)).not.toContain('A agreement');
  });

  it('needs a login', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/portal/service-terms' })).statusCode).toBe(401);
  });
});

describe('portal status', () => {
  it("shows a customer the public components and their organisation's, never another organisation's", async () => {
    await call(agent, 'POST', '/components', { name: 'Public mail', group: 'Hosting', isPublic: true });
    const secret = await call(agent, 'POST', '/components', {
      name: 'SECRET-A-ERP',
      isPublic: false,
      contractIds: [contractA],
    });
    expect(secret.statusCode).toBe(201);
    const incident = await call(agent, 'POST', '/incidents', {
      name: 'ERP is slow',
      impact: 'minor',
      body: 'Looking into it',
      componentIds: [secret.json().id],
      componentState: 'degraded_performance',
    });
    expect(incident.statusCode).toBe(201);

    const mine = await call(contactA, 'GET', '/portal/status');
    expect(mine.statusCode).toBe(200);
    const status = mine.json();
    expect(status.indicator).toBe('minor');
    expect(status.components).toContainEqual(
      expect.objectContaining({ name: 'SECRET-A-ERP', state: 'degraded_performance' }),
    );
    expect(status.incidents.map((i: { name: string }) => i.name)).toContain('ERP is slow');

    const other = (await call(contactB, 'GET', '/portal/status')).json();
    expect(other.components.map((c: { name: string }) => c.name)).toContain('Public mail');
    expect(JSON.stringify(other)).not.toMatch(/SECRET-A-ERP|ERP is slow/);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/portal/status' })).statusCode).toBe(401);
  });
});
