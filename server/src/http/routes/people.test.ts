import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { makeWorld } from '../../../test/factories.ts';
import { TEST_PASSWORD, loginCookie, makeOrganisation, makePerson } from '../../../test/factories.ts';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let admin: string;
let agent: string;
let managerA: string;
let contactA: string;
beforeAll(async () => {
  h = await createHarness();
  ({ world, admin, agent, managerA, contactA } = await makeLoggedInWorld(h));
});
afterAll(() => h.close());

const MISSING = MISSING_ID;
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);
const ids = (res: { json(): unknown }) => (res.json() as { items: { id: string }[] }).items.map((p) => p.id).sort();

describe('reading people', () => {
  it('refuses contacts, on the list and on one person, even themselves', async () => {
    expect((await call(contactA, 'GET', '/people')).statusCode).toBe(403);
    expect((await call(contactA, 'GET', `/people/${world.contactA.id}`)).statusCode).toBe(403);
  });

  it('shows a manager the people of their own organisation only', async () => {
    const list = await call(managerA, 'GET', '/people');
    expect(list.statusCode).toBe(200);
    expect(ids(list)).toEqual([world.managerA.id, world.contactA.id, world.contactA2.id].sort());

    // Filters cannot widen the scope.
    const widened = await call(managerA, 'GET', `/people?organisationId=${world.orgB.id}`);
    expect(widened.json().items).toEqual([]);

    const colleague = await call(managerA, 'GET', `/people/${world.contactA.id}`);
    expect(colleague.statusCode).toBe(200);
    expect(colleague.json()).toMatchObject({ email: world.contactA.email, hasPassword: true });
    expect(colleague.json()).not.toHaveProperty('passwordHash');

    const foreign = await call(managerA, 'GET', `/people/${world.contactB.id}`);
    const missing = await call(managerA, 'GET', `/people/${MISSING}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await call(managerA, 'GET', '/people/agent')).statusCode).toBe(404);
  });

  it('lets agents filter everyone by organisation, role and name or e-mail, a page at a time', async () => {
    const org = await makeOrganisation(h);
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await makePerson(h, { role: 'contact', organisationId: org.id, name: `Zed ${i}` }));
    }
    const manager = await makePerson(h, { role: 'manager', organisationId: org.id, email: 'boss@findme.example' });

    expect(ids(await call(agent, 'GET', `/people?organisationId=${org.id}&role=manager`))).toEqual([manager.id]);
    expect(ids(await call(agent, 'GET', '/people?q=FINDME'))).toEqual([manager.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        agent,
        'GET',
        `/people?organisationId=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...ids(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...made.map((p) => p.id), manager.id].sort());

    expect((await call(agent, 'GET', '/people?role=owner')).statusCode).toBe(400);
    expect((await call(agent, 'GET', '/people?cursor=nonsense')).statusCode).toBe(400);
  });
});

describe('creating people', () => {
  it('lets only admins create people', async () => {
    const payload = { email: 'someone@acme.example', role: 'contact', organisationId: world.orgA.id };
    expect((await call(agent, 'POST', '/people', payload)).statusCode).toBe(403);
    expect((await call(managerA, 'POST', '/people', payload)).statusCode).toBe(403);
  });

  it('puts a customer in the organisation owning the e-mail domain when none is named', async () => {
    const org = await makeOrganisation(h, { domains: ['widgets.example'] });
    const res = await call(admin, 'POST', '/people', { email: 'Jane.Doe@Widgets.example', role: 'manager' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      organisationId: org.id,
      email: 'jane.doe@widgets.example',
      name: 'Jane Doe',
      role: 'manager',
      hasPassword: false,
    });

    const unowned = await call(admin, 'POST', '/people', { email: 'x@nobody-owns-this.example', role: 'contact' });
    expect(unowned.statusCode).toBe(400);
    expect(unowned.json().error.issues[0].path).toBe('organisationId');
  });

  it('puts agents in the provider organisation and refuses roles that do not fit the organisation', async () => {
    const created = await call(admin, 'POST', '/people', { email: 'new.agent@provider.example', role: 'agent' });
    expect(created.statusCode).toBe(201);
    expect(created.json().organisationId).toBe(world.provider.id);

    const agentAtCustomer = await call(admin, 'POST', '/people', {
      email: 'wrong.agent@provider.example',
      role: 'agent',
      organisationId: world.orgA.id,
    });
    expect(agentAtCustomer.statusCode).toBe(400);
    const managerAtProvider = await call(admin, 'POST', '/people', {
      email: 'wrong.manager@provider.example',
      role: 'manager',
      organisationId: world.provider.id,
    });
    expect(managerAtProvider.statusCode).toBe(400);
    const unknownOrg = await call(admin, 'POST', '/people', {
      email: 'lost@provider.example',
      role: 'contact',
      organisationId: MISSING,
    });
    expect(unknownOrg.statusCode).toBe(400);
  });

  it('keeps e-mail addresses unique whatever their case', async () => {
    const res = await call(admin, 'POST', '/people', {
      email: world.contactB.email.toUpperCase(),
      role: 'contact',
      organisationId: world.orgB.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
  });

  it('stores a given password so the person can log in with it', async () => {
    const res = await call(admin, 'POST', '/people', {
      email: 'with.password@provider.example',
      role: 'admin',
      password: 'a long enough password',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().hasPassword).toBe(true);
    await expect(loginCookie(h, 'with.password@provider.example', 'a long enough password')).resolves.toMatch(
      /^loket_session=/,
    );
  });

  it('rejects unknown fields', async () => {
    const res = await call(admin, 'POST', '/people', {
      email: 'extra@provider.example',
      role: 'agent',
      isAdmin: true,
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('changing people', () => {
  it('lets only admins change people', async () => {
    expect((await call(agent, 'PATCH', `/people/${world.contactB.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(managerA, 'PATCH', `/people/${world.contactA.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(admin, 'PATCH', `/people/${MISSING}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('changes a role only to one that fits the organisation', async () => {
    const person = await makePerson(h, { role: 'contact', organisationId: world.orgB.id });
    const promoted = await call(admin, 'PATCH', `/people/${person.id}`, { role: 'manager', phone: '+31 20 123' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'manager', phone: '+31 20 123' });

    const tooFar = await call(admin, 'PATCH', `/people/${person.id}`, { role: 'agent' });
    expect(tooFar.statusCode).toBe(400);
    expect((await call(admin, 'GET', `/people/${person.id}`)).json().role).toBe('manager');
  });

  it('does not let admins demote or deactivate themselves', async () => {
    const demote = await call(admin, 'PATCH', `/people/${world.admin.id}`, { role: 'agent' });
    const deactivate = await call(admin, 'PATCH', `/people/${world.admin.id}`, { isActive: false });
    expect(demote.statusCode).toBe(403);
    expect(deactivate.statusCode).toBe(403);
    const me = await call(admin, 'GET', '/auth/me');
    expect(me.json().role).toBe('admin');

    const rename = await call(admin, 'PATCH', `/people/${world.admin.id}`, { name: 'Still Admin', role: 'admin' });
    expect(rename.statusCode).toBe(200);
  });

  it('ends the sessions of a deactivated person for good, and of one whose password is reset', async () => {
    const person = await makePerson(h, { role: 'agent', organisationId: world.provider.id });
    const cookie = await loginCookie(h, person.email);
    expect((await call(admin, 'PATCH', `/people/${person.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await call(cookie, 'GET', '/auth/me')).statusCode).toBe(401);
    await call(admin, 'PATCH', `/people/${person.id}`, { isActive: true });
    expect((await call(cookie, 'GET', '/auth/me')).statusCode).toBe(401);

    const fresh = await loginCookie(h, person.email);
    const reset = await call(admin, 'PATCH', `/people/${person.id}`, { password: 'a brand new password' });
    expect(reset.statusCode).toBe(200);
    expect((await call(fresh, 'GET', '/auth/me')).statusCode).toBe(401);
    await expect(loginCookie(h, person.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    await expect(loginCookie(h, person.email, 'a brand new password')).resolves.toMatch(/^loket_session=/);
  });

  it('rejects unknown fields', async () => {
    const res = await call(admin, 'PATCH', `/people/${world.contactB.id}`, { organisationId: world.orgA.id });
    expect(res.statusCode).toBe(400);
  });
});

describe('registering contacts', () => {
  it('registers a new address in the organisation owning its domain, then answers the same person again', async () => {
    const org = await makeOrganisation(h, { domains: ['registered.example'] });
    const first = await call(agent, 'POST', '/people/register', { email: 'Pat.Caller@registered.example' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      organisationId: org.id,
      email: 'pat.caller@registered.example',
      name: 'Pat Caller',
      role: 'contact',
    });

    const again = await call(agent, 'POST', '/people/register', { email: 'pat.caller@REGISTERED.example', name: 'X' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().name).toBe('Pat Caller');
  });

  it('puts an address no organisation owns in the organisation for unmatched senders', async () => {
    const res = await call(agent, 'POST', '/people/register', { email: 'someone@gmail.example', name: 'Some One' });
    expect(res.statusCode).toBe(201);
    const org = await call(agent, 'GET', `/organisations/${res.json().organisationId}`);
    expect(org.json().kind).toBe('unmatched');

    const second = await call(agent, 'POST', '/people/register', { email: 'another@hotmail.example' });
    expect(second.json().organisationId).toBe(res.json().organisationId);
  });

  it('is for agents only', async () => {
    expect((await call(managerA, 'POST', '/people/register', { email: 'x@y.example' })).statusCode).toBe(403);
    expect((await call(agent, 'POST', '/people/register', { email: 'not an address' })).statusCode).toBe(400);
  });
});
