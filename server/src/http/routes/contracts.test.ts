import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWENTY_FOUR_SEVEN } from '../../domain/sla/calendar.ts';
import type { makeWorld } from '../../../test/factories.ts';
import { makeOrganisation, makePerson } from '../../../test/factories.ts';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let admin: string;
let agent: string;
let contactA: string;
let managerA: string;
let calendarId: string;
let otherCalendarId: string;
beforeAll(async () => {
  h = await createHarness();
  ({ world, admin, agent, managerA, contactA } = await makeLoggedInWorld(h));
  const definition = TWENTY_FOUR_SEVEN('Europe/Amsterdam');
  calendarId = (await call(admin, 'POST', '/calendars', { name: 'Always', definition })).json().id;
  otherCalendarId = (await call(admin, 'POST', '/calendars', { name: 'Always too', definition })).json().id;
});
afterAll(() => h.close());

const MISSING = MISSING_ID;
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

const hours = (n: number) => n * 60;
const targets = {
  P1: { firstResponseMinutes: hours(2), resolutionMinutes: hours(8) },
  P2: { firstResponseMinutes: hours(4), resolutionMinutes: hours(16) },
  P3: { firstResponseMinutes: hours(8), resolutionMinutes: hours(40) },
  P4: { firstResponseMinutes: hours(16), resolutionMinutes: hours(80), updateMinutes: hours(24) },
};
const create = (cookie: string, name: string, version: object = {}, organisationId: string = world.orgA.id) =>
  call(cookie, 'POST', '/contracts', { organisationId, name, version: { calendarId, targets, ...version } });
const later = (minutes: number) => new Date(h.clock.now().getTime() + minutes * 60_000).toISOString();

describe('contracts', () => {
  it('creates a contract with its first version, filling in the defaults of the terms left out', async () => {
    const res = await create(admin, 'Standard');
    expect(res.statusCode).toBe(201);
    const contract = res.json();
    const now = h.clock.now().toISOString();
    expect(contract).toMatchObject({ organisationId: world.orgA.id, name: 'Standard', latestVersion: 1 });
    expect(contract.versions).toHaveLength(1);
    const [version] = contract.versions;
    expect(version).toMatchObject({
      version: 1,
      effectiveFrom: now,
      calendarId,
      targets,
      pausing: {
        firstResponse: ['waiting_customer'],
        resolution: ['waiting_customer', 'scheduled'],
        update: ['waiting_customer'],
      },
      warnings: { percentOfTarget: [75], minutesBeforeDue: [] },
      effortThresholdMinutes: 240,
      autoCloseWorkingDays: 1,
      createdAt: now,
    });
    expect(contract.currentVersion).toEqual(version);
    // The desk's priority matrix, copied.
    const desk = (await call(admin, 'GET', '/priority-matrix')).json();
    expect(version.matrix).toHaveLength(9);
    expect(version.matrix).toEqual(expect.arrayContaining(desk.cells));
  });

  it('stores the terms given instead of the defaults', async () => {
    const matrix = (['high', 'normal', 'low'] as const).flatMap((urgency) =>
      (['high', 'normal', 'low'] as const).map((impact) => ({ urgency, impact, priority: 'P4' })),
    );
    const terms = {
      matrix,
      pausing: { firstResponse: [], resolution: ['waiting_customer'], update: ['waiting_customer', 'scheduled'] },
      warnings: { percentOfTarget: [50, 80], minutesBeforeDue: [30] },
      effortThresholdMinutes: 120,
      autoCloseWorkingDays: 3,
      effectiveFrom: '2026-01-01T00:00:00+01:00',
    };
    const res = await create(admin, 'Custom', terms);
    expect(res.statusCode).toBe(201);
    expect(res.json().versions[0]).toMatchObject({ ...terms, effectiveFrom: '2025-12-31T23:00:00.000Z' });
  });

  it('lets only admins write, agents read, and refuses customers everything', async () => {
    const contract = (await create(admin, 'Roles')).json();
    expect((await create(agent, 'Agent made')).statusCode).toBe(403);
    expect((await call(agent, 'PATCH', `/contracts/${contract.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(agent, 'POST', `/contracts/${contract.id}/versions`, { calendarId, targets })).statusCode).toBe(
      403,
    );
    expect((await call(agent, 'GET', `/contracts/${contract.id}`)).json()).toEqual(contract);
    for (const customer of [contactA, managerA]) {
      expect((await call(customer, 'GET', '/contracts')).statusCode).toBe(403);
      expect((await call(customer, 'GET', `/contracts?organisationId=${world.orgA.id}`)).statusCode).toBe(403);
      expect((await call(customer, 'GET', `/contracts/${contract.id}`)).statusCode).toBe(403);
      expect((await create(customer, 'Mine')).statusCode).toBe(403);
      expect((await call(customer, 'PATCH', `/contracts/${contract.id}`, { name: 'Mine' })).statusCode).toBe(403);
      const version = await call(customer, 'POST', `/contracts/${contract.id}/versions`, { calendarId, targets });
      expect(version.statusCode).toBe(403);
    }
  });

  it('answers 404 for an unknown contract', async () => {
    for (const id of [MISSING, 'not-a-uuid']) {
      expect((await call(agent, 'GET', `/contracts/${id}`)).statusCode).toBe(404);
      expect((await call(admin, 'PATCH', `/contracts/${id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await call(admin, 'POST', `/contracts/${id}/versions`, { calendarId, targets })).statusCode).toBe(404);
    }
  });

  it('only makes contracts for active customer organisations, on a calendar that exists', async () => {
    const inactive = await makeOrganisation(h, { name: 'Gone Ltd' });
    await call(admin, 'PATCH', `/organisations/${inactive.id}`, { isActive: false });
    for (const organisationId of [world.provider.id, inactive.id, MISSING]) {
      const res = await create(admin, 'Nope', {}, organisationId);
      expect(res.statusCode, organisationId).toBe(400);
      expect(res.json().error.issues).toEqual([{ path: 'organisationId', message: expect.any(String) }]);
    }
    const noCalendar = await create(admin, 'Nope', { calendarId: MISSING });
    expect(noCalendar.statusCode).toBe(400);
    expect(noCalendar.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['version.calendarId']);
    const names = (await call(agent, 'GET', '/contracts')).json().items.map((c: { name: string }) => c.name);
    expect(names).not.toContain('Nope');
  });

  it('validates the terms: all four priorities, a response before the resolution, no unknown fields', async () => {
    const { P4: _p4, ...three } = targets;
    const bad = [
      { targets: three },
      { targets: { ...targets, P1: { firstResponseMinutes: 600, resolutionMinutes: 60 } } },
      { pausing: { resolution: ['resolved'] } },
      { warnings: { percentOfTarget: [120] } },
      { autoCloseWorkingDays: 0 },
      { surprise: true },
    ];
    for (const terms of bad) expect((await create(admin, 'Bad', terms)).statusCode, JSON.stringify(terms)).toBe(400);
    const extra = await call(admin, 'POST', '/contracts', {
      organisationId: world.orgA.id,
      name: 'Bad',
      version: { calendarId, targets },
      isActive: true,
    });
    expect(extra.statusCode).toBe(400);
  });

  it('deletes a contract entered by mistake, but not one that tickets run under; a used calendar stays too', async () => {
    const org = await makeOrganisation(h, { name: 'Mistaken Ltd' });
    const mistake = (await create(admin, 'Mistake', {}, org.id)).json();
    expect((await call(agent, 'DELETE', `/contracts/${mistake.id}`)).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', `/calendars/${calendarId}`)).statusCode).toBe(409);
    expect((await call(admin, 'DELETE', `/contracts/${mistake.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/contracts/${mistake.id}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/contracts/${mistake.id}`)).statusCode).toBe(404);

    const kept = (await create(admin, 'In use', {}, org.id)).json();
    const person = await makePerson(h, { role: 'contact', organisationId: org.id });
    const opened = await call(agent, 'POST', '/tickets', { subject: 'S', body: 'B', requesterEmail: person.email });
    expect(opened.statusCode).toBe(201);
    expect((await call(admin, 'DELETE', `/contracts/${kept.id}`)).statusCode).toBe(409);
    expect((await call(admin, 'GET', `/contracts/${kept.id}`)).statusCode).toBe(200);
  });

  it('renames a contract, and refuses a name its organisation already uses', async () => {
    const contract = (await create(admin, 'Old name')).json();
    await create(admin, 'Taken name');
    const renamed = await call(admin, 'PATCH', `/contracts/${contract.id}`, { name: 'New name' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'New name', latestVersion: 1 });
    expect(renamed.json().currentVersion).toEqual(contract.currentVersion);
    expect((await call(admin, 'PATCH', `/contracts/${contract.id}`, { name: 'Taken name' })).statusCode).toBe(409);
    expect((await create(admin, 'Taken name')).statusCode).toBe(409);
    // Another organisation may use the name.
    expect((await create(admin, 'Taken name', {}, world.orgB.id)).statusCode).toBe(201);
  });

  it('numbers versions one after another, newest first, and moves only forward', async () => {
    const contract = (await create(admin, 'Versioned')).json();
    const url = `/contracts/${contract.id}/versions`;
    // Version 2 from now (the same instant as version 1: it supersedes it).
    const v2 = await call(admin, 'POST', url, { calendarId: otherCalendarId, targets });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(v2.json().currentVersion).toMatchObject({ version: 2, calendarId: otherCalendarId });
    // Version 3 takes effect in an hour: version 2 stays current until then.
    const v3 = await call(admin, 'POST', url, { calendarId, targets, effectiveFrom: later(60) });
    expect(v3.statusCode).toBe(201);
    expect(v3.json()).toMatchObject({ latestVersion: 3, currentVersion: { version: 2 } });
    // Before version 3's instant: refused, and nothing stored.
    const back = await call(admin, 'POST', url, { calendarId, targets, effectiveFrom: later(30) });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.message).toContain('version 3');
    const detail = (await call(agent, 'GET', `/contracts/${contract.id}`)).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    // Without effectiveFrom a version starts now, which is before version 3: refused too.
    expect((await call(admin, 'POST', url, { calendarId, targets })).statusCode).toBe(409);
    expect((await call(admin, 'POST', url, { calendarId: MISSING, targets })).json().error.issues).toEqual([
      { path: 'calendarId', message: expect.any(String) },
    ]);

    h.clock.advance(61 * 60_000);
    const listed = (await call(agent, 'GET', `/contracts?organisationId=${world.orgA.id}`)).json().items;
    expect(listed.find((c: { id: string }) => c.id === contract.id)).toMatchObject({
      latestVersion: 3,
      currentVersion: { version: 3, calendarId },
    });
  });

  it('lists contracts by name with the version in force, filtered by organisation', async () => {
    const future = (await create(admin, 'Zz future', { effectiveFrom: later(24 * 60) }, world.orgB.id)).json();
    expect(future.currentVersion).toBeNull();
    const all = (await call(agent, 'GET', '/contracts')).json().items;
    const names = all.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort());
    expect(all.find((c: { id: string }) => c.id === future.id)).toMatchObject({
      currentVersion: null,
      latestVersion: 1,
    });
    expect(all.every((c: { versions?: unknown }) => c.versions === undefined)).toBe(true);
    const onlyB = (await call(agent, 'GET', `/contracts?organisationId=${world.orgB.id}`)).json().items;
    expect(onlyB.length).toBeGreaterThan(0);
    expect(onlyB.every((c: { organisationId: string }) => c.organisationId === world.orgB.id)).toBe(true);
    expect((await call(agent, 'GET', '/contracts?organisationId=nope')).statusCode).toBe(400);
  });
});
