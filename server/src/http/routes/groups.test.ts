import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { makeWorld } from '../../../test/factories.ts';
import { makeGroup, makePerson } from '../../../test/factories.ts';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let admin: string;
let agent: string;
let managerA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ world, admin, agent, managerA } = await makeLoggedInWorld(h));
});
afterAll(() => h.close());

const MISSING = MISSING_ID;
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

describe('groups over HTTP', () => {
  it('shows groups and their members to agents, not to customers', async () => {
    const group = await makeGroup(h, [world.agent.id], 'Visible group');
    const list = await call(agent, 'GET', '/groups');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ id: group.id, name: 'Visible group', memberIds: [world.agent.id] }),
    );
    expect((await call(agent, 'GET', `/groups/${group.id}`)).json().memberIds).toEqual([world.agent.id]);

    expect((await call(managerA, 'GET', '/groups')).statusCode).toBe(403);
    expect((await call(managerA, 'GET', `/groups/${group.id}`)).statusCode).toBe(403);
    expect((await call(agent, 'GET', `/groups/${MISSING}`)).statusCode).toBe(404);
    expect((await call(agent, 'GET', '/groups/nope')).statusCode).toBe(404);
  });

  it('lets only admins create a group, with active agents as members and lead', async () => {
    const payload = { name: 'Second line', memberIds: [world.agent.id, world.admin.id], leadId: world.agent.id };
    expect((await call(agent, 'POST', '/groups', payload)).statusCode).toBe(403);

    const res = await call(admin, 'POST', '/groups', payload);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Second line', leadId: world.agent.id, description: null });
    expect(res.json().memberIds.sort()).toEqual([world.agent.id, world.admin.id].sort());

    const again = await call(admin, 'POST', '/groups', { name: 'Second line' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses customers, deactivated agents and unknown people as members or lead', async () => {
    const former = await makePerson(h, { role: 'agent', organisationId: world.provider.id, isActive: false });
    for (const memberIds of [[world.contactA.id], [world.managerB.id], [former.id], [MISSING]]) {
      const res = await call(admin, 'POST', '/groups', {
        name: 'Bad members',
        memberIds: [world.agent.id, ...memberIds],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues).toEqual([
        { path: 'memberIds', message: `${memberIds[0]} is not an active agent` },
      ]);
    }
    const badLead = await call(admin, 'POST', '/groups', { name: 'Bad lead', leadId: world.contactA.id });
    expect(badLead.statusCode).toBe(400);
    expect(badLead.json().error.issues[0].path).toBe('leadId');
    const listed = (await call(admin, 'GET', '/groups')).json().items.map((g: { name: string }) => g.name);
    expect(listed).not.toContain('Bad members');
    expect(listed).not.toContain('Bad lead');
  });

  it('replaces the members with exactly the ones named, and validates them the same way', async () => {
    const other = await makePerson(h, { role: 'agent', organisationId: world.provider.id });
    const group = await makeGroup(h, [world.agent.id, world.admin.id]);

    const res = await call(admin, 'PATCH', `/groups/${group.id}`, { memberIds: [other.id], description: 'Nights' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ memberIds: [other.id], description: 'Nights' });

    const bad = await call(admin, 'PATCH', `/groups/${group.id}`, { memberIds: [other.id, world.contactB.id] });
    expect(bad.statusCode).toBe(400);
    expect((await call(admin, 'GET', `/groups/${group.id}`)).json().memberIds).toEqual([other.id]);

    const renamedOnly = await call(admin, 'PATCH', `/groups/${group.id}`, { name: 'Night shift', leadId: other.id });
    expect(renamedOnly.json()).toMatchObject({ name: 'Night shift', leadId: other.id, memberIds: [other.id] });
    const noLead = await call(admin, 'PATCH', `/groups/${group.id}`, { leadId: null });
    expect(noLead.json().leadId).toBeNull();
  });

  it('keeps names unique on update, and refuses unknown fields and non-admins', async () => {
    const a = await makeGroup(h, [], 'Taken name');
    const b = await makeGroup(h);
    expect((await call(admin, 'PATCH', `/groups/${b.id}`, { name: 'Taken name' })).statusCode).toBe(409);
    expect((await call(admin, 'PATCH', `/groups/${a.id}`, { colour: 'blue' })).statusCode).toBe(400);
    expect((await call(agent, 'PATCH', `/groups/${a.id}`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await call(admin, 'PATCH', `/groups/${MISSING}`, { name: 'Ghost' })).statusCode).toBe(404);
  });
});
