import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { makeWorld } from '../../../test/factories.ts';
import { loginCookie, makeOrganisation, makePerson } from '../../../test/factories.ts';
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

describe('organisations over HTTP', () => {
  it('pages agents through every organisation matching q, by name or by domain', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await makeOrganisation(h, { name: `Pagewise ${i}` }));
    const byDomain = await makeOrganisation(h, { name: 'Elsewhere', domains: ['pagewise-mail.example'] });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(agent, 'GET', `/organisations?q=pagewise&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...made.map((o) => o.id), byDomain.id].sort());
  });

  it('matches q literally, so % and _ are no wildcards', async () => {
    await makeOrganisation(h, { name: 'Percent 100% Ltd' });
    const res = await call(agent, 'GET', `/organisations?q=${encodeURIComponent('0%')}`);
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['Percent 100% Ltd']);
    const none = await call(agent, 'GET', `/organisations?q=${encodeURIComponent('_ercent')}`);
    expect(none.json().items).toEqual([]);
  });

  it('shows a customer only their own organisation, and another one exactly as a missing one', async () => {
    const list = await call(managerA, 'GET', '/organisations');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([world.orgA.id]);

    const own = await call(managerA, 'GET', `/organisations/${world.orgA.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: world.orgA.id, kind: 'customer', domains: world.orgA.domains });

    const foreign = await call(managerA, 'GET', `/organisations/${world.orgB.id}`);
    const missing = await call(managerA, 'GET', `/organisations/${MISSING}`);
    const garbage = await call(managerA, 'GET', '/organisations/not-an-id');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect(garbage.statusCode).toBe(404);
  });

  it('lets only admins create organisations, as customers with normalised domains', async () => {
    const payload = { name: 'Acme', domains: ['Acme.example', 'acme.example', 'mail.acme.example'] };
    expect((await call(agent, 'POST', '/organisations', payload)).statusCode).toBe(403);
    expect((await call(managerA, 'POST', '/organisations', payload)).statusCode).toBe(403);

    const res = await call(admin, 'POST', '/organisations', payload);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Acme',
      kind: 'customer',
      language: 'en',
      isActive: true,
      domains: ['acme.example', 'mail.acme.example'],
    });
  });

  it('rejects unknown fields, including an attempt to choose the kind', async () => {
    const created = await call(admin, 'POST', '/organisations', { name: 'Sneaky', kind: 'provider' });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('invalid');
    const patched = await call(admin, 'PATCH', `/organisations/${world.orgB.id}`, { kind: 'provider' });
    expect(patched.statusCode).toBe(400);
  });

  it('refuses a domain that belongs to another organisation, on create and on update', async () => {
    const owner = await makeOrganisation(h, { domains: ['owned.example'] });
    const other = await makeOrganisation(h, { domains: ['other.example'] });

    const created = await call(admin, 'POST', '/organisations', { name: 'Taker', domains: ['OWNED.example'] });
    expect(created.statusCode).toBe(409);
    expect(created.json().error.message).toContain('owned.example');

    const patched = await call(admin, 'PATCH', `/organisations/${other.id}`, { domains: ['owned.example'] });
    expect(patched.statusCode).toBe(409);
    // The failed update changed nothing.
    expect((await call(admin, 'GET', `/organisations/${other.id}`)).json().domains).toEqual(['other.example']);
    expect((await call(admin, 'GET', `/organisations/${owner.id}`)).json().domains).toEqual(['owned.example']);
  });

  it('replaces the set of domains, freeing the ones left out for another organisation', async () => {
    const first = await makeOrganisation(h, { domains: ['keep.example', 'drop.example'] });
    const res = await call(admin, 'PATCH', `/organisations/${first.id}`, {
      name: 'Renamed',
      domains: ['keep.example', 'new.example'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', domains: ['keep.example', 'new.example'] });

    const second = await call(admin, 'POST', '/organisations', { name: 'Second', domains: ['drop.example'] });
    expect(second.statusCode).toBe(201);
  });

  it('lets only admins update organisations', async () => {
    expect((await call(agent, 'PATCH', `/organisations/${world.orgB.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(managerA, 'PATCH', `/organisations/${world.orgA.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(admin, 'PATCH', `/organisations/${MISSING}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('locks the people of a deactivated organisation out at once, and lets them back in on reactivation', async () => {
    const org = await makeOrganisation(h);
    const person = await makePerson(h, { role: 'manager', organisationId: org.id });
    const cookie = await loginCookie(h, person.email);
    expect((await call(cookie, 'GET', '/auth/me')).statusCode).toBe(200);

    const res = await call(admin, 'PATCH', `/organisations/${org.id}`, { isActive: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect((await call(cookie, 'GET', '/auth/me')).statusCode).toBe(401);
    await expect(loginCookie(h, person.email)).rejects.toThrow(/401/);

    await call(admin, 'PATCH', `/organisations/${org.id}`, { isActive: true });
    expect((await call(cookie, 'GET', '/auth/me')).statusCode).toBe(200);
  });

  it('does not let an admin deactivate their own organisation', async () => {
    const res = await call(admin, 'PATCH', `/organisations/${world.provider.id}`, { isActive: false });
    expect(res.statusCode).toBe(403);
    expect((await call(admin, 'GET', '/auth/me')).statusCode).toBe(200);
  });
});
