import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let admin: string;
let agent: string;
let contactA: string;
let managerA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ admin, agent, managerA, contactA } = await makeLoggedInWorld(h));
});
afterAll(() => h.close());

const MISSING = MISSING_ID;
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

const office = [['08:00', '17:00']];
const STOCKHOLM = {
  timezone: 'Europe/Stockholm',
  weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
};
// Monday 23 November 2026, 15:00 in Stockholm (UTC+1).
const MONDAY_15 = '2026-11-23T15:00:00+01:00';

describe('calendars', () => {
  it('lets admins create and change calendars, agents read them, and nobody else', async () => {
    const created = await call(admin, 'POST', '/calendars', { name: 'Stockholm office', definition: STOCKHOLM });
    expect(created.statusCode).toBe(201);
    const calendar = created.json();
    expect(calendar).toMatchObject({ name: 'Stockholm office', definition: STOCKHOLM });
    expect(calendar.createdAt).toBe(h.clock.now().toISOString());

    expect((await call(agent, 'GET', '/calendars')).json().items.map((c: { id: string }) => c.id)).toContain(
      calendar.id,
    );
    expect((await call(agent, 'GET', `/calendars/${calendar.id}`)).json()).toEqual(calendar);
    expect((await call(agent, 'GET', `/calendars/${MISSING}`)).statusCode).toBe(404);
    expect((await call(agent, 'GET', '/calendars/not-a-uuid')).statusCode).toBe(404);

    const renamed = await call(admin, 'PATCH', `/calendars/${calendar.id}`, { name: 'Stockholm office hours' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Stockholm office hours', definition: STOCKHOLM });
    const withLunch = { ...STOCKHOLM, weekly: { ...STOCKHOLM.weekly, fri: [['08:00', '12:00']] } };
    const changed = await call(admin, 'PATCH', `/calendars/${calendar.id}`, { definition: withLunch });
    expect(changed.json()).toMatchObject({ name: 'Stockholm office hours', definition: withLunch });
    expect((await call(admin, 'PATCH', `/calendars/${MISSING}`, { name: 'x' })).statusCode).toBe(404);

    expect((await call(agent, 'POST', '/calendars', { name: 'Mine', definition: STOCKHOLM })).statusCode).toBe(403);
    expect((await call(agent, 'PATCH', `/calendars/${calendar.id}`, { name: 'Mine' })).statusCode).toBe(403);
    for (const customer of [contactA, managerA]) {
      expect((await call(customer, 'GET', '/calendars')).statusCode).toBe(403);
      expect((await call(customer, 'GET', `/calendars/${calendar.id}`)).statusCode).toBe(403);
      expect((await call(customer, 'POST', '/calendars', { name: 'x', definition: STOCKHOLM })).statusCode).toBe(403);
    }
  });

  it('deletes a calendar for admins only; an unknown one is 404', async () => {
    const definition = { timezone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    const created = await call(admin, 'POST', '/calendars', { name: 'Short-lived', definition });
    const id = created.json().id;
    expect((await call(agent, 'DELETE', `/calendars/${id}`)).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', `/calendars/${id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/calendars/${id}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/calendars/${id}`)).statusCode).toBe(404);
  });

  it('refuses a name that is taken, on create and on rename', async () => {
    await call(admin, 'POST', '/calendars', { name: 'Taken', definition: STOCKHOLM });
    const other = (await call(admin, 'POST', '/calendars', { name: 'Free', definition: STOCKHOLM })).json();
    const again = await call(admin, 'POST', '/calendars', { name: 'Taken', definition: STOCKHOLM });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('Taken');
    expect((await call(admin, 'PATCH', `/calendars/${other.id}`, { name: 'Taken' })).statusCode).toBe(409);
  });

  it('lists every problem of an invalid definition with its path, and stores nothing', async () => {
    const res = await call(admin, 'POST', '/calendars', {
      name: 'Broken',
      definition: {
        timezone: 'Europe/Atlantis',
        weekly: {
          ...STOCKHOLM.weekly,
          mon: [['17:00', '08:00']],
          tue: [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        holidaySource: { country: 'XX', types: ['public'] },
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'definition.timezone',
        'definition.weekly.mon.0',
        'definition.weekly.tue.1',
        'definition.holidaySource.country',
      ]),
    );
    expect((await call(agent, 'GET', '/calendars')).json().items.map((c: { name: string }) => c.name)).not.toContain(
      'Broken',
    );
    const patch = await call(admin, 'PATCH', `/calendars/${MISSING}`, { definition: { weekly: {} } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.issues.map((i: { path: string }) => i.path)).toContain('definition.timezone');
  });
});

describe('POST /sla/simulate', () => {
  const simulate = (cookie: string, payload: object) => call(cookie, 'POST', '/sla/simulate', payload);

  it('reproduces the seed examples: Monday 15:00 + 8 h is Tuesday 14:00, + 2 h is Monday 17:00', async () => {
    const res = await simulate(agent, {
      calendar: STOCKHOLM,
      cases: [
        { op: 'due', start: MONDAY_15, minutes: 480 },
        { op: 'due', start: MONDAY_15, minutes: 120 },
        { op: 'due', start: MONDAY_15, minutes: 0 },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      results: [
        { due: '2026-11-24T13:00:00.000Z' }, // Tuesday 14:00 in Stockholm
        { due: '2026-11-23T16:00:00.000Z' }, // Monday 17:00 in Stockholm
        { due: '2026-11-23T14:00:00.000Z' },
      ],
    });
  });

  it('does not count paused business time, in elapsed and in due', async () => {
    const lunch = ['2026-11-23T12:00:00+01:00', '2026-11-23T13:00:00+01:00'];
    const res = await simulate(admin, {
      calendar: STOCKHOLM,
      cases: [
        { op: 'elapsed', start: '2026-11-23T08:00:00+01:00', end: '2026-11-24T17:00:00+01:00' },
        { op: 'elapsed', start: '2026-11-23T08:00:00+01:00', end: '2026-11-24T17:00:00+01:00', pauses: [lunch] },
        { op: 'due', start: '2026-11-23T08:00:00+01:00', minutes: 540, pauses: [lunch] },
      ],
    });
    expect(res.json().results).toEqual([{ minutes: 1080 }, { minutes: 1020 }, { due: '2026-11-24T08:00:00.000Z' }]);
  });

  it('uses a stored calendar by id, and answers 404 for an unknown one', async () => {
    const stored = (
      await call(admin, 'POST', '/calendars', { name: 'Stored Stockholm', definition: STOCKHOLM })
    ).json();
    const res = await simulate(agent, { calendar: stored.id, cases: [{ op: 'due', start: MONDAY_15, minutes: 480 }] });
    expect(res.json()).toEqual({ results: [{ due: '2026-11-24T13:00:00.000Z' }] });
    const missing = await simulate(agent, { calendar: MISSING, cases: [{ op: 'due', start: MONDAY_15, minutes: 1 }] });
    expect(missing.statusCode).toBe(404);
  });

  it('answers 10,000 cases in one call, in order, beyond the default 1 MiB body limit', async () => {
    // Even cases: due from Monday 08:00 after i minutes; odd cases: elapsed from Monday 08:00 for i % 540 minutes.
    // Every case carries a pause long before, which changes nothing but makes the body larger than 1 MiB.
    const pauses = [['2026-01-01T00:00:00+01:00', '2026-01-02T00:00:00+01:00']];
    const monday8 = Date.parse('2026-11-23T08:00:00+01:00');
    const cases = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 === 0
        ? { op: 'due', start: '2026-11-23T08:00:00+01:00', minutes: i, pauses }
        : {
            op: 'elapsed',
            start: '2026-11-23T08:00:00+01:00',
            end: new Date(monday8 + (i % 540) * 60_000).toISOString(),
            pauses,
          },
    );
    const payload = { calendar: STOCKHOLM, cases };
    expect(JSON.stringify(payload).length).toBeGreaterThan(1024 * 1024);
    const res = await simulate(agent, payload);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results).toHaveLength(10_000);
    expect(results[0]).toEqual({ due: '2026-11-23T07:00:00.000Z' });
    expect(results[1]).toEqual({ minutes: 1 });
    expect(results[540]).toEqual({ due: '2026-11-23T16:00:00.000Z' }); // a full day ends Monday 17:00
    expect(results[542]).toEqual({ due: '2026-11-24T07:02:00.000Z' }); // Tuesday 08:02
    expect(results[9_999]).toEqual({ minutes: 9_999 % 540 });
    // 9,998 = 18 days of 540 + 278: three weeks and three days after Monday is Thursday 17 December, 12:38.
    expect(results[9_998]).toEqual({ due: '2026-12-17T11:38:00.000Z' });
  });

  it('names the case that cannot be answered', async () => {
    const closed = { ...STOCKHOLM, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    const res = await simulate(agent, {
      calendar: closed,
      cases: [
        { op: 'due', start: MONDAY_15, minutes: 0 },
        { op: 'due', start: MONDAY_15, minutes: 60 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Case 1');
    expect(res.json().error.issues).toEqual([{ path: 'cases.1', message: expect.any(String) }]);
  });

  it('validates the request: cases, instants with offsets, and an inline definition with paths', async () => {
    const bad = async (payload: object) => (await simulate(agent, payload)).statusCode;
    expect(await bad({ calendar: STOCKHOLM, cases: [] })).toBe(400);
    expect(await bad({ calendar: STOCKHOLM, cases: [{ op: 'due', start: '2026-11-23T15:00:00', minutes: 1 }] })).toBe(
      400,
    );
    expect(await bad({ calendar: STOCKHOLM, cases: [{ op: 'wait', start: MONDAY_15 }] })).toBe(400);
    const tooMany = Array.from({ length: 10_001 }, () => ({ op: 'due', start: MONDAY_15, minutes: 1 }));
    expect(await bad({ calendar: STOCKHOLM, cases: tooMany })).toBe(400);
    const res = await simulate(agent, {
      calendar: { ...STOCKHOLM, timezone: 'Mars/Olympus' },
      cases: [{ op: 'due', start: MONDAY_15, minutes: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['calendar.timezone']);
  });

  it('is refused to customers', async () => {
    for (const customer of [contactA, managerA]) {
      const res = await simulate(customer, {
        calendar: STOCKHOLM,
        cases: [{ op: 'due', start: MONDAY_15, minutes: 1 }],
      });
      expect(res.statusCode).toBe(403);
    }
  });
});
