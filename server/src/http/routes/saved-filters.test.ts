import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_ID, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';

let h: Harness;
let s: Awaited<ReturnType<typeof makeLoggedInWorld>>;

beforeAll(async () => {
  h = await createHarness();
  s = await makeLoggedInWorld(h);
});
afterAll(() => h.close());

describe('saved filters', () => {
  it('creates, lists, renames, changes and deletes a person’s own filters', async () => {
    const created = await callApi(h, s.agent, 'POST', '/saved-filters', {
      name: 'Urgent in my groups',
      query: { view: 'my_groups_unassigned', priority: ['P1', 'P2'] },
    });
    expect(created.statusCode).toBe(201);
    const filter = created.json() as { id: string; name: string; query: Record<string, unknown> };
    expect(filter.query).toEqual({ view: 'my_groups_unassigned', priority: ['P1', 'P2'] });

    const listed = await callApi(h, s.agent, 'GET', '/saved-filters');
    expect(listed.json().items.map((f: { id: string }) => f.id)).toEqual([filter.id]);

    const renamed = await callApi(h, s.agent, 'PATCH', `/saved-filters/${filter.id}`, {
      name: 'Breaching',
      query: { view: 'breaching_soon', sort: 'nextDeadlineAt' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Breaching', query: { view: 'breaching_soon' } });
    // The stored query runs as it is.
    const run = await callApi(h, s.agent, 'GET', `/tickets?${new URLSearchParams(renamed.json().query)}`);
    expect(run.statusCode).toBe(200);

    expect((await callApi(h, s.agent, 'DELETE', `/saved-filters/${filter.id}`)).statusCode).toBe(204);
    expect((await callApi(h, s.agent, 'GET', '/saved-filters')).json().items).toEqual([]);
  });

  it('refuses a query GET /tickets would refuse, and a second filter of the same name', async () => {
    const bad = await callApi(h, s.contactA, 'POST', '/saved-filters', { name: 'Bad', query: { sort: 'colour' } });
    expect(bad.statusCode).toBe(400);
    const unknown = await callApi(h, s.contactA, 'POST', '/saved-filters', { name: 'Bad', query: { nope: 'x' } });
    expect(unknown.statusCode).toBe(400);
    const first = await callApi(h, s.contactA, 'POST', '/saved-filters', { name: 'Mine', query: { view: 'open' } });
    expect(first.statusCode).toBe(201);
    const again = await callApi(h, s.contactA, 'POST', '/saved-filters', { name: 'MINE', query: {} });
    expect(again.statusCode).toBe(409);
  });

  it('keeps each person’s filters to themselves: another’s is not found, exactly like a missing one', async () => {
    const mine = (
      await callApi(h, s.managerA, 'POST', '/saved-filters', { name: 'Org open', query: { view: 'open' } })
    ).json() as { id: string };
    expect((await callApi(h, s.agent, 'GET', '/saved-filters')).json().items).toEqual([]);
    for (const [method, payload] of [
      ['PATCH', { name: 'Taken over' }],
      ['DELETE', undefined],
    ] as const) {
      const foreign = await callApi(h, s.admin, method, `/saved-filters/${mine.id}`, payload);
      const missing = await callApi(h, s.admin, method, `/saved-filters/${MISSING_ID}`, payload);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).toBe(missing.body);
    }
    expect((await callApi(h, s.managerA, 'GET', '/saved-filters')).json().items).toHaveLength(1);
  });
});
